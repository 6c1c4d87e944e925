package com.partnersync.sandbox.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HubSpot's webhooks as an app subscribed to the sandbox account's CRM object events receives them: every change of
 * a sandbox HubSpot record becomes events (one {@code propertyChange} per changed property with its new value, a
 * {@code deletion} when archived, a {@code restore} when brought back), POSTed in batches of at most 100 to the
 * app's target URL, signed as HubSpot signs them:
 * <ul>
 *   <li>{@code X-HubSpot-Signature-v3}: base64 of HMAC-SHA256, keyed with the app's client secret, over
 *       {@code method + URI + body + timestamp} (UTF-8), with {@code X-HubSpot-Request-Timestamp} the sending time in
 *       epoch milliseconds (receivers refuse it after 5 minutes);</li>
 *   <li>for older receivers also {@code X-HubSpot-Signature-Version: v1} and {@code X-HubSpot-Signature}: hex SHA-256
 *       of {@code client secret + body}.</li>
 * </ul>
 * Contacts, companies and deals use the classic subscription types ({@code deal.propertyChange}); other objects the
 * generic ones ({@code object.propertyChange} with {@code objectTypeId}). A call that fails to connect, times out
 * (5 s) or gets a 429 or 5xx is retried with a growing delay, its {@code attemptNumber} counting up, and re-signed
 * with the new time; other 4xx answers are not retried, as HubSpot does.
 */
public final class HubSpotWebhookSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HubSpotWebhookSender.class);
    /** HubSpot sends at most 100 events in one call. */
    static final int MAX_EVENTS_PER_CALL = 100;
    static final long PORTAL_ID = 62515;
    static final long APP_ID = 54321;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ATTEMPTS = 10;
    /** Classic subscription types exist for these objects; the rest use object.* with the object type id. */
    private static final Map<String, String> CLASSIC = Map.of("contacts", "contact", "companies", "company",
            "deals", "deal");
    private static final Map<String, String> OBJECT_TYPE_IDS = Map.of("contacts", "0-1", "companies", "0-2",
            "deals", "0-3", "meetings", "0-47", "calls", "0-48");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI target;
    private final byte[] secret;
    private final Clock clock;
    private final Duration window;
    private final Duration firstRetry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final BlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
    private final AtomicLong eventIds = new AtomicLong(1_000_000);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;

    private HubSpotWebhookSender(URI target, String clientSecret, Clock clock, Duration window, Duration firstRetry) {
        this.target = target;
        this.secret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.window = window;
        this.firstRetry = firstRetry;
        this.worker = new Thread(this::run, "sandbox-hubspot-webhooks");
        worker.setDaemon(true);
    }

    /**
     * Starts sending the dataset's HubSpot record changes to {@code target}.
     *
     * @param window     events of this long are sent in one call (up to 100)
     * @param firstRetry the delay before the first retry of a failed call; it doubles with every attempt
     */
    public static HubSpotWebhookSender start(SandboxDataset dataset, URI target, String clientSecret, Clock clock,
                                             Duration window, Duration firstRetry) {
        HubSpotWebhookSender sender = new HubSpotWebhookSender(target, clientSecret, clock, window, firstRetry);
        dataset.addChangeListener((crm, object, before, after) -> {
            if (crm == Crm.HUBSPOT && sender.running) {
                sender.recordChanged(object, before, after);
            }
        });
        sender.worker.start();
        log.info("Sandbox HubSpot webhooks: record changes are POSTed, signed, to {}", target);
        return sender;
    }

    /** Events the target acknowledged with a 2xx. */
    public long delivered() {
        return delivered.get();
    }

    /** Webhook calls sent, retries included. */
    public long calls() {
        return calls.get();
    }

    private void recordChanged(String object, SandboxRecord before, SandboxRecord after) {
        long occurredAt = after.modifiedAt().toEpochMilli();
        if (after.deleted() && !before.deleted()) {
            queue.add(event(object, "deletion", after.id(), occurredAt));
        } else if (before.deleted() && !after.deleted()) {
            queue.add(event(object, "restore", after.id(), occurredAt));
        } else {
            for (Map.Entry<String, Object> field : after.fields().entrySet()) {
                String name = field.getKey();
                if (!name.endsWith("lastmodifieddate") && !Objects.equals(field.getValue(), before.fields().get(name))) {
                    queue.add(event(object, "propertyChange", after.id(), occurredAt)
                            .put("propertyName", name)
                            .put("propertyValue", field.getValue() == null ? "" : field.getValue().toString()));
                }
            }
        }
    }

    /** A creation, as HubSpot reports a record created in the account (the dataset models no creations). */
    public void created(String object, String id) {
        queue.add(event(object, "creation", id, clock.millis()));
    }

    private ObjectNode event(String object, String kind, String id, long occurredAt) {
        String classic = CLASSIC.get(object);
        ObjectNode event = JSON.createObjectNode()
                .put("eventId", eventIds.incrementAndGet())
                .put("subscriptionId", subscriptionId(object, kind))
                .put("portalId", PORTAL_ID)
                .put("appId", APP_ID)
                .put("occurredAt", occurredAt)
                .put("subscriptionType", (classic != null ? classic : "object") + "." + kind)
                .put("attemptNumber", 0)
                .put("objectId", Long.parseLong(id))
                .put("changeSource", "CRM_UI");
        if (classic == null) {
            event.put("objectTypeId", OBJECT_TYPE_IDS.getOrDefault(object, object));
        }
        return event;
    }

    /** One subscription per object and event kind, as the app's webhook settings would list them. */
    private static long subscriptionId(String object, String kind) {
        return 2_990_000 + Math.floorMod(Objects.hash(object, kind), 10_000);
    }

    private void run() {
        while (running) {
            try {
                List<ObjectNode> batch = nextBatch();
                if (!batch.isEmpty()) {
                    send(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<ObjectNode> nextBatch() throws InterruptedException {
        List<ObjectNode> batch = new ArrayList<>();
        ObjectNode first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        long deadline = System.nanoTime() + window.toNanos();
        while (batch.size() < MAX_EVENTS_PER_CALL) {
            long left = deadline - System.nanoTime();
            ObjectNode next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void send(List<ObjectNode> events) throws InterruptedException {
        long delay = firstRetry.toMillis();
        for (int attempt = 0; attempt < MAX_ATTEMPTS && running; attempt++) {
            ArrayNode body = JSON.createArrayNode();
            for (ObjectNode event : events) {
                body.add(event.deepCopy().put("attemptNumber", attempt));
            }
            String text = body.toString();
            String timestamp = Long.toString(clock.millis());
            HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("X-HubSpot-Signature-v3", signatureV3("POST", target.toString(), text, timestamp))
                    .header("X-HubSpot-Request-Timestamp", timestamp)
                    .header("X-HubSpot-Signature-Version", "v1")
                    .header("X-HubSpot-Signature", signatureV1(text))
                    .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build();
            calls.incrementAndGet();
            String outcome;
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    delivered.addAndGet(events.size());
                    return;
                }
                if (status != 429 && status / 100 == 4) {
                    log.warn("sandbox HubSpot webhooks: {} events refused with {} by {}; not retried, as HubSpot "
                            + "does not retry a 4xx", events.size(), status, target);
                    return;
                }
                outcome = "HTTP " + status;
            } catch (IOException e) {
                outcome = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            log.warn("sandbox HubSpot webhooks: {} events not delivered to {} ({}), attempt {} of {}, retrying in {} ms",
                    events.size(), target, outcome, attempt + 1, MAX_ATTEMPTS, delay);
            Thread.sleep(delay);
            delay = Math.min(delay * 2, 60_000);
        }
        log.error("sandbox HubSpot webhooks: {} events dropped after {} attempts", events.size(), MAX_ATTEMPTS);
    }

    /** base64(HMAC-SHA256(client secret, method + URI + body + timestamp)). */
    String signatureV3(String method, String uri, String body, String timestamp) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    hmac.doFinal((method + uri + body + timestamp).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 ships with every Java runtime", e);
        }
    }

    /** hex(SHA-256(client secret + body)), the v1 signature HubSpot still sends beside v3. */
    String signatureV1(String body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(secret);
            return HexFormat.of().formatHex(sha256.digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 ships with every Java runtime", e);
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
