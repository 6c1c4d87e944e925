package com.partnersync.sandbox.salesforce;

import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;

import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicRequest;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox's Pub/Sub API as a Pub/Sub client sees it: Subscribe with flow control and replay, GetTopic, GetSchema. */
class SalesforcePubSubServerTest {
    private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);
    private final SandboxDataset dataset = SandboxDataset.builder().scale(0.01).build();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final SalesforcePubSubServer server = SalesforcePubSubServer.start(dataset, clock, Duration.ofHours(72));
    private final ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.close();
    }

    private PubSubGrpc.PubSubStub stub() {
        Metadata session = new Metadata();
        session.put(Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER), "00DSANDBOX!token");
        return PubSubGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(session));
    }

    /** A subscription whose responses and error land in a queue. */
    private static final class Subscriber implements StreamObserver<FetchResponse> {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        StreamObserver<FetchRequest> requests;

        @Override
        public void onNext(FetchResponse response) {
            received.add(response);
        }

        @Override
        public void onError(Throwable t) {
            received.add(t);
        }

        @Override
        public void onCompleted() {
        }

        Object next() throws InterruptedException {
            Object next = received.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a response within 10 s").isNotNull();
            return next;
        }
    }

    private Subscriber subscribe(String topic, ReplayPreset preset, ByteString replayId, int requested) throws InterruptedException {
        Subscriber subscriber = new Subscriber();
        subscriber.requests = stub().subscribe(subscriber);
        FetchRequest.Builder request = FetchRequest.newBuilder().setTopicName(topic).setReplayPreset(preset).setNumRequested(requested);
        if (replayId != null) {
            request.setReplayId(replayId);
        }
        subscriber.requests.onNext(request.build());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.subscribed() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return subscriber;
    }

    private String opportunity(int nth) {
        return dataset.pageAfter(Crm.SALESFORCE, "Opportunity", null, null, null, nth + 1, false).get(nth).id();
    }

    private GenericRecord decode(com.salesforce.eventbus.protobuf.ConsumerEvent event) throws IOException {
        String json = PubSubGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(session()))
                .getSchema(SchemaRequest.newBuilder().setSchemaId(event.getEvent().getSchemaId()).build()).getSchemaJson();
        Schema schema = new Schema.Parser().parse(json);
        return new GenericDatumReader<GenericRecord>(schema).read(null,
                DecoderFactory.get().binaryDecoder(event.getEvent().getPayload().toByteArray(), null));
    }

    private static Metadata session() {
        Metadata session = new Metadata();
        session.put(Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER), "00DSANDBOX!token");
        return session;
    }

    @Test
    void aRecordChangeArrivesAsAnAvroChangeEventWithTheDocumentedHeader() throws Exception {
        Subscriber subscriber = subscribe("/data/ChangeEvents", ReplayPreset.LATEST, null, 10);
        String id = opportunity(1);

        SandboxRecord changed = dataset.update(Crm.SALESFORCE, "Opportunity", id, Map.of("Name", "Renamed"));

        FetchResponse response = (FetchResponse) subscriber.next();
        assertThat(response.getEventsCount()).isEqualTo(1);
        assertThat(response.getPendingNumRequested()).isEqualTo(9);
        assertThat(response.getLatestReplayId()).isEqualTo(response.getEvents(0).getReplayId());
        GenericRecord event = decode(response.getEvents(0));
        assertThat(event.getSchema().getFullName()).isEqualTo("com.sforce.eventbus.OpportunityChangeEvent");
        GenericRecord header = (GenericRecord) event.get("ChangeEventHeader");
        assertThat(header.get("entityName").toString()).isEqualTo("Opportunity");
        assertThat(header.get("changeType").toString()).isEqualTo("UPDATE");
        assertThat(header.get("recordIds").toString()).isEqualTo("[" + id + "]");
        assertThat(header.get("commitTimestamp")).isEqualTo(changed.modifiedAt().toEpochMilli());
        assertThat(header.get("changedFields").toString()).contains("Name");
        assertThat(event.get("Name").toString()).isEqualTo("Renamed");
    }

    @Test
    void deleteAndUndeleteAreTheirOwnChangeTypes() throws Exception {
        Subscriber subscriber = subscribe("/data/OpportunityChangeEvent", ReplayPreset.LATEST, null, 10);
        String id = opportunity(2);

        dataset.delete(Crm.SALESFORCE, "Opportunity", id);
        dataset.undelete(Crm.SALESFORCE, "Opportunity", id);

        List<String> types = new java.util.ArrayList<>();
        while (types.size() < 2) {
            for (var event : ((FetchResponse) subscriber.next()).getEventsList()) {
                types.add(((GenericRecord) decode(event).get("ChangeEventHeader")).get("changeType").toString());
            }
        }
        assertThat(types).containsExactly("DELETE", "UNDELETE");
    }

    @Test
    void aSubscriptionGetsNoMoreEventsThanItRequested() throws Exception {
        Subscriber subscriber = subscribe("/data/ChangeEvents", ReplayPreset.LATEST, null, 2);
        for (int i = 0; i < 3; i++) {
            server.publish("Opportunity", "UPDATE", List.of(opportunity(i)));
        }

        int delivered = 0;
        while (delivered < 2) {
            delivered += ((FetchResponse) subscriber.next()).getEventsCount();
        }
        assertThat(subscriber.received.poll(300, TimeUnit.MILLISECONDS)).as("nothing beyond the 2 requested").isNull();

        subscriber.requests.onNext(FetchRequest.newBuilder().setTopicName("/data/ChangeEvents").setNumRequested(5).build());
        assertThat(((FetchResponse) subscriber.next()).getEventsCount()).isEqualTo(1);
    }

    @Test
    void aCustomReplayIdResumesAfterThatEventAndAPurgedOneIsRefusedAsCorrupted() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.publish("Opportunity", "UPDATE", List.of(opportunity(i)));
        }
        Subscriber resumed = subscribe("/data/ChangeEvents", ReplayPreset.CUSTOM, replayId(1), 10);
        FetchResponse response = (FetchResponse) resumed.next();
        assertThat(response.getEventsList()).extracting(e -> e.getReplayId()).containsExactly(replayId(2), replayId(3));

        clock.now = clock.now.plus(Duration.ofHours(73));
        server.publish("Account", "GAP_OVERFLOW", List.of());
        Subscriber late = subscribe("/data/ChangeEvents", ReplayPreset.CUSTOM, replayId(3), 10);

        Object error = late.next();
        assertThat(error).isInstanceOf(StatusRuntimeException.class);
        StatusRuntimeException refused = (StatusRuntimeException) error;
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getTrailers().get(ERROR_CODE))
                .isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
    }

    @Test
    void getTopicNamesPerObjectChannelsAndCallsWithoutASessionAreRefused() {
        var blocking = PubSubGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(session()));
        assertThat(blocking.getTopic(TopicRequest.newBuilder().setTopicName("/data/Deal_Registration__ChangeEvent").build())
                .getCanSubscribe()).isTrue();
        assertThatThrownBy(() -> blocking.getTopic(TopicRequest.newBuilder().setTopicName("/event/Unknown__e").build()))
                .hasMessageContaining("NOT_FOUND");
        assertThatThrownBy(() -> PubSubGrpc.newBlockingStub(channel)
                .getTopic(TopicRequest.newBuilder().setTopicName("/data/ChangeEvents").build()))
                .hasMessageContaining("UNAUTHENTICATED");
    }

    private static ByteString replayId(long id) {
        return ByteString.copyFrom(ByteBuffer.allocate(Long.BYTES).putLong(id).array());
    }
}
