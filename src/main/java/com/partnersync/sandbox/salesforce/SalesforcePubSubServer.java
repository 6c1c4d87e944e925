package com.partnersync.sandbox.salesforce;

import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's Salesforce Pub/Sub API: a gRPC server on a loopback port implementing {@code PubSub} (Subscribe,
 * GetTopic, GetSchema) from the classes camel-salesforce ships. Every change of a sandbox Salesforce record becomes a
 * Change Data Capture event (Avro with the documented {@code ChangeEventHeader}: entityName, recordIds, changeType,
 * changeOrigin, transactionKey, sequenceNumber, commitTimestamp, commitNumber, commitUser, nulledFields, diffFields,
 * changedFields, then the object's fields, changed ones set) on {@code /data/ChangeEvents} and
 * {@code /data/<Object>ChangeEvent}. Events are kept for {@code retention}; a subscription from a replay id that is
 * no longer kept fails with the Pub/Sub API's {@code replayid.corrupted} error code, as a real org answers.
 * Subscriptions get what they asked for ({@code num_requested}) and no more: flow control as the real service does it.
 */
public final class SalesforcePubSubServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SalesforcePubSubServer.class);
    public static final String ALL_CHANGES = "/data/ChangeEvents";
    static final String CORRUPTED_REPLAY_ID = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";
    private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);
    private static final int MAX_EVENTS_PER_RESPONSE = 100;
    private static final List<String> CHANGE_TYPES = List.of("CREATE", "UPDATE", "DELETE", "UNDELETE", "GAP_CREATE",
            "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE", "GAP_OVERFLOW");

    private final Clock clock;
    private final Duration retention;
    private final Set<String> notSelected;
    private final Server server;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong commitNumber = new AtomicLong();
    private final ConcurrentSkipListMap<Long, StoredEvent> events = new ConcurrentSkipListMap<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();

    /** {@code published}: when the bus received the event, which is what its retention counts from. */
    private record StoredEvent(long replayId, String topic, Instant published, ProducerEvent event) {
    }

    private SalesforcePubSubServer(Clock clock, Duration retention, Set<String> notSelected) {
        this.clock = clock;
        this.retention = retention;
        this.notSelected = Set.copyOf(notSelected);
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Service(), new RequireSession())).build();
    }

    /** Starts the server and subscribes it to the dataset's Salesforce record changes. */
    public static SalesforcePubSubServer start(SandboxDataset dataset, Clock clock, Duration retention) {
        return start(dataset, clock, retention, Set.of());
    }

    /** @param notSelected objects the org has not selected for Change Data Capture: their changes publish no event */
    public static SalesforcePubSubServer start(SandboxDataset dataset, Clock clock, Duration retention,
                                               Set<String> notSelected) {
        SalesforcePubSubServer pubSub = new SalesforcePubSubServer(clock, retention, notSelected);
        try {
            pubSub.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the sandbox Pub/Sub API", e);
        }
        dataset.addChangeListener((crm, object, before, after) -> {
            if (crm == Crm.SALESFORCE && !pubSub.notSelected.contains(object)) {
                pubSub.recordChanged(object, before, after);
            }
        });
        log.info("Sandbox Salesforce Pub/Sub API (Change Data Capture) at 127.0.0.1:{}", pubSub.port());
        return pubSub;
    }

    public int port() {
        return server.getPort();
    }

    /** Subscriptions whose first fetch request has arrived, so they receive every event published from now on. */
    public long subscribed() {
        return subscriptions.stream().filter(Subscription::started).count();
    }

    /** Events published since start. */
    public long published() {
        return sequence.get();
    }

    private void recordChanged(String object, SandboxRecord before, SandboxRecord after) {
        String type = after.deleted() && !before.deleted() ? "DELETE" : before.deleted() && !after.deleted() ? "UNDELETE" : "UPDATE";
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Object> field : after.fields().entrySet()) {
            if (!Objects.equals(field.getValue(), before.fields().get(field.getKey()))) {
                changed.add(field.getKey());
            }
        }
        publish(object, type, List.of(after.id()), after.modifiedAt(), after.fields(), changed);
    }

    /**
     * Publishes a change event as Salesforce would for a change the dataset does not model (a record created in the
     * org, a GAP_ event, a GAP_OVERFLOW with no record ids), committed now.
     */
    public void publish(String object, String changeType, List<String> recordIds) {
        publish(object, changeType, recordIds, clock.instant(), Map.of(), List.of());
    }

    private synchronized void publish(String object, String changeType, List<String> recordIds, Instant committed,
                                      Map<String, Object> fields, List<String> changedFields) {
        if (!CHANGE_TYPES.contains(changeType)) {
            throw new IllegalArgumentException("not a change type: " + changeType);
        }
        Schema schema = schemas.computeIfAbsent(schemaId(object), id -> schema(object, fields));
        GenericRecord header = new GenericData.Record(schema.getField("ChangeEventHeader").schema());
        header.put("entityName", object);
        header.put("recordIds", recordIds);
        header.put("changeType", new GenericData.EnumSymbol(header.getSchema().getField("changeType").schema(), changeType));
        header.put("changeOrigin", "com/salesforce/api/rest/62.0");
        header.put("transactionKey", UUID.randomUUID().toString());
        header.put("sequenceNumber", 1);
        header.put("commitTimestamp", committed.toEpochMilli());
        header.put("commitNumber", commitNumber.incrementAndGet());
        header.put("commitUser", "005000000000001AAA");
        header.put("nulledFields", List.of());
        header.put("diffFields", List.of());
        List<String> changedInSchema = changedFields.stream().filter(f -> schema.getField(f) != null).toList();
        header.put("changedFields", changedInSchema);
        GenericRecord event = new GenericData.Record(schema);
        event.put("ChangeEventHeader", header);
        for (String field : changedInSchema) {
            Object value = fields.get(field);
            event.put(field, value == null ? null : value.toString());
        }
        long replayId = sequence.incrementAndGet();
        ProducerEvent producerEvent = ProducerEvent.newBuilder().setId(UUID.randomUUID().toString())
                .setSchemaId(schemaId(object)).setPayload(ByteString.copyFrom(avro(event))).build();
        Instant now = clock.instant();
        events.put(replayId, new StoredEvent(replayId, topic(object), now, producerEvent));
        Instant horizon = now.minus(retention);
        while (!events.isEmpty() && events.firstEntry().getValue().published().isBefore(horizon)) {
            events.pollFirstEntry();
        }
        subscriptions.forEach(Subscription::deliver);
    }

    /** Standard objects' channel is AccountChangeEvent; custom objects drop the c of __c: Deal_Registration__ChangeEvent. */
    static String topic(String object) {
        return "/data/" + (object.endsWith("__c") ? object.substring(0, object.length() - 1) : object) + "ChangeEvent";
    }

    private static String schemaId(String object) {
        return "sandbox" + Integer.toHexString(object.hashCode());
    }

    /**
     * The change event schema: the header record, then each scalar field of the object as an optional string (in a
     * real schema each field has its own type; the header is what a subscriber must read).
     */
    static Schema schema(String object, Map<String, Object> sampleFields) {
        String name = topic(object).substring("/data/".length());
        Schema stringArray = SchemaBuilder.array().items().stringType();
        Schema header = SchemaBuilder.record("ChangeEventHeader").namespace("com.sforce.eventbus").fields()
                .requiredString("entityName")
                .name("recordIds").type(stringArray).noDefault()
                .name("changeType").type(SchemaBuilder.enumeration("ChangeType").namespace("com.sforce.eventbus")
                        .symbols(CHANGE_TYPES.toArray(String[]::new))).noDefault()
                .requiredString("changeOrigin")
                .requiredString("transactionKey")
                .requiredInt("sequenceNumber")
                .requiredLong("commitTimestamp")
                .requiredLong("commitNumber")
                .requiredString("commitUser")
                .name("nulledFields").type(stringArray).noDefault()
                .name("diffFields").type(stringArray).noDefault()
                .name("changedFields").type(stringArray).noDefault()
                .endRecord();
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(name).namespace("com.sforce.eventbus").fields()
                .name("ChangeEventHeader").type(header).noDefault();
        for (Map.Entry<String, Object> field : sampleFields.entrySet()) {
            if (!(field.getValue() instanceof Map) && !field.getKey().equals("Id") && field.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                fields = fields.optionalString(field.getKey());
            }
        }
        return fields.endRecord();
    }

    private static byte[] avro(GenericRecord event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            new GenericDatumWriter<GenericRecord>(event.getSchema()).write(event, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ByteString replayId(long id) {
        return ByteString.copyFrom(ByteBuffer.allocate(Long.BYTES).putLong(id).array());
    }

    private static long replayId(ByteString id) {
        if (id.size() != Long.BYTES) {
            return -1;
        }
        return id.asReadOnlyByteBuffer().getLong();
    }

    /** A stream delivering the events after its position that match its topic, as many as the client asked for. */
    private final class Subscription {
        private final StreamObserver<FetchResponse> out;
        private String topic;
        private long next = -1;
        private int requested;
        private boolean closed;

        Subscription(StreamObserver<FetchResponse> out) {
            this.out = out;
        }

        synchronized void request(FetchRequest request) {
            if (closed) {
                return;
            }
            if (next < 0) {
                topic = request.getTopicName();
                Long start = start(request);
                if (start == null) {
                    Metadata trailers = new Metadata();
                    trailers.put(ERROR_CODE, CORRUPTED_REPLAY_ID);
                    closed = true;
                    subscriptions.remove(this);
                    out.onError(Status.INVALID_ARGUMENT.withDescription("The Replay ID validation failed.")
                            .asRuntimeException(trailers));
                    return;
                }
                next = start;
            }
            requested += request.getNumRequested();
            deliver();
        }

        /** The first replay id to deliver, or null for a replay id the bus no longer keeps (or never issued). */
        private Long start(FetchRequest request) {
            if (request.getReplayPreset() == ReplayPreset.EARLIEST) {
                return events.isEmpty() ? sequence.get() + 1 : events.firstKey();
            }
            if (request.getReplayPreset() == ReplayPreset.CUSTOM) {
                long after = replayId(request.getReplayId());
                return events.containsKey(after) ? after + 1 : null;
            }
            return sequence.get() + 1;
        }

        synchronized void deliver() {
            if (closed || next < 0 || requested <= 0) {
                return;
            }
            FetchResponse.Builder response = FetchResponse.newBuilder().setRpcId(UUID.randomUUID().toString());
            long latest = next - 1;
            for (StoredEvent stored : events.tailMap(next, true).values()) {
                if (response.getEventsCount() == Math.min(requested, MAX_EVENTS_PER_RESPONSE)) {
                    break;
                }
                latest = stored.replayId();
                if (topic.equals(ALL_CHANGES) || topic.equals(stored.topic())) {
                    response.addEvents(ConsumerEvent.newBuilder().setEvent(stored.event()).setReplayId(replayId(stored.replayId())));
                }
            }
            if (latest < next) {
                return;
            }
            next = latest + 1;
            requested -= response.getEventsCount();
            if (response.getEventsCount() > 0) {
                out.onNext(response.setLatestReplayId(replayId(latest)).setPendingNumRequested(requested).build());
            }
            if (requested > 0 && events.ceilingKey(next) != null) {
                deliver();
            }
        }

        synchronized boolean started() {
            return next >= 0 && !closed;
        }

        synchronized void close() {
            closed = true;
        }
    }

    private final class Service extends PubSubGrpc.PubSubImplBase {
        @Override
        public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> responses) {
            Subscription subscription = new Subscription(responses);
            subscriptions.add(subscription);
            return new StreamObserver<>() {
                @Override
                public void onNext(FetchRequest request) {
                    subscription.request(request);
                }

                @Override
                public void onError(Throwable t) {
                    subscription.close();
                    subscriptions.remove(subscription);
                }

                @Override
                public void onCompleted() {
                    subscription.close();
                    subscriptions.remove(subscription);
                    responses.onCompleted();
                }
            };
        }

        @Override
        public void getTopic(TopicRequest request, StreamObserver<TopicInfo> response) {
            String topic = request.getTopicName();
            String object = topic.startsWith("/data/") && topic.endsWith("ChangeEvent")
                    ? topic.substring("/data/".length(), topic.length() - "ChangeEvent".length()) : null;
            if (!topic.equals(ALL_CHANGES) && object == null) {
                response.onError(Status.NOT_FOUND.withDescription("no such topic: " + topic).asRuntimeException());
                return;
            }
            String customOrStandard = object != null && object.endsWith("__") ? object + "c" : object;
            response.onNext(TopicInfo.newBuilder().setTopicName(topic).setTenantGuid("00D000000000001EAA")
                    .setCanSubscribe(true).setCanPublish(false)
                    .setSchemaId(customOrStandard == null ? "" : schemaId(customOrStandard))
                    .setRpcId(UUID.randomUUID().toString()).build());
            response.onCompleted();
        }

        @Override
        public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> response) {
            Schema schema = schemas.get(request.getSchemaId());
            if (schema == null) {
                response.onError(Status.NOT_FOUND.withDescription("no such schema: " + request.getSchemaId()).asRuntimeException());
                return;
            }
            response.onNext(SchemaInfo.newBuilder().setSchemaId(request.getSchemaId()).setSchemaJson(schema.toString())
                    .setRpcId(UUID.randomUUID().toString()).build());
            response.onCompleted();
        }
    }

    /** Every Pub/Sub API call carries the session: accesstoken, instanceurl and tenantid headers. */
    private static final class RequireSession implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                           ServerCallHandler<Q, R> next) {
            String token = headers.get(ACCESS_TOKEN);
            if (token == null || token.isBlank()) {
                Metadata trailers = new Metadata();
                trailers.put(ERROR_CODE, "sfdc.platform.eventbus.grpc.service.auth.error");
                call.close(Status.UNAUTHENTICATED.withDescription("missing accesstoken"), trailers);
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
