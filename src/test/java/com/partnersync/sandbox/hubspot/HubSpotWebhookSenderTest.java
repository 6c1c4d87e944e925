package com.partnersync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox HubSpot's webhook calls as a receiving app sees them (a WireMock target): HubSpot's payload shape, batches
 * of at most 100 events, the v3 and v1 signatures computed as HubSpot documents them, and HubSpot's retry rules.
 */
class HubSpotWebhookSenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private static final String PATH = "/webhooks/hubspot";

    private final SandboxDataset dataset = SandboxDataset.builder().scale(0.02).count(Crm.HUBSPOT, "companies", 200).build();
    private final WireMockServer app = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private HubSpotWebhookSender sender;
    private URI target;

    @BeforeEach
    void start() {
        app.start();
        app.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(204)));
        target = URI.create("http://127.0.0.1:" + app.port() + PATH);
        sender = HubSpotWebhookSender.start(dataset, target, SECRET, Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        sender.close();
        app.stop();
    }

    private String live(String object, int nth) {
        return dataset.pageAfter(Crm.HUBSPOT, object, null, null, null, nth + 1, false).get(nth).id();
    }

    private List<LoggedRequest> calls(int atLeast) {
        await().atMost(Duration.ofSeconds(10)).until(() -> app.findAll(postRequestedFor(urlEqualTo(PATH))).size() >= atLeast);
        return app.findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    private static List<JsonNode> events(List<LoggedRequest> calls) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (LoggedRequest call : calls) {
            JSON.readTree(call.getBodyAsString()).forEach(events::add);
        }
        return events;
    }

    /** HubSpot's v3 recipe: base64(HMAC-SHA256(client secret, method + URI + body + timestamp)), UTF-8. */
    private static String documentedV3(String uri, String body, String timestamp) throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(hmac.doFinal(("POST" + uri + body + timestamp).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDealPropertyChangeIsOneSignedEventOfHubSpotsShape() throws Exception {
        String id = live("deals", 2);
        SandboxRecord changed = dataset.update(Crm.HUBSPOT, "deals", id, Map.of("dealname", "Renamed in HubSpot"));

        LoggedRequest call = calls(1).get(0);
        JsonNode events = JSON.readTree(call.getBodyAsString());
        assertThat(events.isArray()).isTrue();
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.path("subscriptionType").asText()).isEqualTo("deal.propertyChange");
        assertThat(event.path("objectId").isNumber()).isTrue();
        assertThat(event.path("objectId").asText()).isEqualTo(id);
        assertThat(event.path("propertyName").asText()).isEqualTo("dealname");
        assertThat(event.path("propertyValue").asText()).isEqualTo("Renamed in HubSpot");
        assertThat(event.path("occurredAt").asLong()).isEqualTo(changed.modifiedAt().toEpochMilli());
        assertThat(event.path("attemptNumber").asInt()).isZero();
        assertThat(event.path("portalId").asLong()).isEqualTo(HubSpotWebhookSender.PORTAL_ID);
        assertThat(event.path("appId").asLong()).isEqualTo(HubSpotWebhookSender.APP_ID);
        assertThat(event.has("eventId") && event.has("subscriptionId") && event.has("changeSource")).isTrue();

        String timestamp = call.getHeader("X-HubSpot-Request-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(10_000L));
        assertThat(call.getHeader("X-HubSpot-Signature-v3"))
                .isEqualTo(documentedV3(target.toString(), call.getBodyAsString(), timestamp));
        assertThat(call.getHeader("X-HubSpot-Signature-Version")).isEqualTo("v1");
        assertThat(call.getHeader("Content-Type")).startsWith("application/json");
    }

    /** The example of HubSpot's "v1 request validation" page, with the hash it documents. */
    @Test
    void theV1SignatureMatchesHubSpotsDocumentedExample() {
        String body = "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,"
                + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,\"changeSource\":\"CRM\","
                + "\"changeFlag\":\"NEW\",\"appId\":54321}]";

        assertThat(sender.signatureV1(body)).isEqualTo("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");
    }

    @Test
    void deletionRestoreAndObjectsWithoutClassicTypes() throws Exception {
        String deal = live("deals", 4);
        String meeting = live("meetings", 1);
        dataset.delete(Crm.HUBSPOT, "deals", deal);
        dataset.undelete(Crm.HUBSPOT, "deals", deal);
        dataset.update(Crm.HUBSPOT, "meetings", meeting, Map.of("hs_meeting_title", "Joint call"));
        sender.created("contacts", "20000000999");

        await().atMost(Duration.ofSeconds(10)).until(() -> sender.delivered() >= 4);
        List<String> seen = events(calls(1)).stream().map(e -> e.path("subscriptionType").asText() + " "
                + e.path("objectId").asText() + " " + e.path("objectTypeId").asText("-")).toList();
        assertThat(seen).containsExactly("deal.deletion " + deal + " -", "deal.restore " + deal + " -",
                "object.propertyChange " + meeting + " 0-47", "contact.creation 20000000999 -");
    }

    @Test
    void manyChangesGoInCallsOfAtMost100Events() throws Exception {
        List<SandboxRecord> companies = dataset.pageAfter(Crm.HUBSPOT, "companies", null, null, null, 150, false);
        for (SandboxRecord company : companies) {
            dataset.update(Crm.HUBSPOT, "companies", company.id(), Map.of("name", "Bulk " + company.id()));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sender.delivered() >= 150);
        List<LoggedRequest> calls = calls(2);
        assertThat(calls).allSatisfy(call -> assertThat(JSON.readTree(call.getBodyAsString()).size()).isBetween(1, 100));
        assertThat(events(calls)).hasSize(150)
                .allMatch(e -> e.path("subscriptionType").asText().equals("company.propertyChange"));
    }

    @Test
    void a503IsRetriedWithTheNextAttemptNumberAndA400IsNot() throws Exception {
        app.resetAll();
        app.stubFor(post(urlEqualTo(PATH)).inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        app.stubFor(post(urlEqualTo(PATH)).inScenario("retry").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)).willSetStateTo("refusing"));
        app.stubFor(post(urlEqualTo(PATH)).inScenario("retry").whenScenarioStateIs("refusing")
                .willReturn(aResponse().withStatus(400)));

        dataset.update(Crm.HUBSPOT, "deals", live("deals", 6), Map.of("dealname", "Retried"));
        List<LoggedRequest> calls = calls(2);
        assertThat(events(calls).stream().map(e -> e.path("attemptNumber").asInt())).containsExactly(0, 1);
        for (LoggedRequest call : calls) {
            assertThat(call.getHeader("X-HubSpot-Signature-v3")).as("each attempt signed with its own timestamp")
                    .isEqualTo(documentedV3(target.toString(), call.getBodyAsString(), call.getHeader("X-HubSpot-Request-Timestamp")));
        }

        dataset.update(Crm.HUBSPOT, "deals", live("deals", 7), Map.of("dealname", "Refused"));
        calls(3);
        Thread.sleep(300);
        assertThat(app.findAll(postRequestedFor(urlEqualTo(PATH)))).as("a 400 is not retried").hasSize(3);
        assertThat(sender.delivered()).isEqualTo(1);
    }
}
