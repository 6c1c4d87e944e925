package com.partnersync.hubspot.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.sync.StreamedChanges;
import com.partnersync.warehouse.PageCounts;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /webhooks/hubspot} on the application's web port (long-running mode only): a call whose v3 signature
 * is missing, wrong or older than {@code max-age} gets 401 and changes nothing; a valid one is acknowledged at once
 * (HubSpot wants an answer within seconds) and applied on one worker thread in arrival order. Calls arriving within
 * {@code window} of each other are applied together, so a steady trickle of one-event calls costs one batch read per
 * object and window rather than one per call (which would run into HubSpot's request limit at a few changes a second).
 */
@RestController
public class HubSpotWebhookController {
    private static final Logger log = LoggerFactory.getLogger(HubSpotWebhookController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookProperties properties;
    private final WebhookSignature signature;
    private final WebhookChanges changes;
    private final StreamedChanges streamed;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService worker;
    /** Accepted calls not yet applied, in arrival order; bounded by queue-capacity. */
    private final Queue<List<WebhookEvent>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCalls = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    public HubSpotWebhookController(WebhookProperties properties, WebhookChanges changes, StreamedChanges streamed) {
        this.properties = properties;
        this.signature = properties.configured() ? new WebhookSignature(properties.clientSecret().reveal(), properties.maxAge()) : null;
        this.changes = changes;
        this.streamed = streamed;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "hubspot-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PostMapping("/webhooks/hubspot")
    public ResponseEntity<String> receive(HttpServletRequest request, @RequestBody(required = false) String body,
                                          @RequestHeader(name = "X-HubSpot-Signature-v3", required = false) String signed,
                                          @RequestHeader(name = "X-HubSpot-Request-Timestamp", required = false) String timestamp) {
        if (signature == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body("HubSpot webhooks are not configured");
        }
        String text = body == null ? "" : body;
        WebhookSignature.Verdict verdict = signature.verify(request.getMethod(), uri(request), text, timestamp, signed,
                clock.instant());
        if (verdict != WebhookSignature.Verdict.VALID) {
            log.warn("hubspot webhook refused: signature {} (from {})", verdict, request.getRemoteAddr());
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        List<WebhookEvent> events;
        try {
            events = WebhookEvent.parse(JSON.readTree(text));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            log.error("hubspot webhook: a signed call with an unreadable body was refused: {}", e.getMessage());
            return ResponseEntity.badRequest().body("not a HubSpot webhook event array");
        }
        if (pendingCalls.incrementAndGet() > properties.queueCapacity()) {
            pendingCalls.decrementAndGet();
            log.warn("hubspot webhook: {} calls waiting, asking HubSpot to retry later", properties.queueCapacity());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        pending.add(events);
        if (flushScheduled.compareAndSet(false, true)) {
            worker.schedule(this::flush, properties.window().toMillis(), TimeUnit.MILLISECONDS);
        }
        return ResponseEntity.noContent().build();
    }

    /** Applies every call accepted so far as one list (on the worker thread). */
    private void flush() {
        flushScheduled.set(false);
        List<WebhookEvent> events = new ArrayList<>();
        for (List<WebhookEvent> call; (call = pending.poll()) != null; ) {
            pendingCalls.decrementAndGet();
            events.addAll(call);
        }
        if (!events.isEmpty()) {
            apply(events);
        }
    }

    private void apply(List<WebhookEvent> events) {
        try {
            PageCounts counts = changes.apply(events);
            log.info("hubspot webhook: {} events, {} inserted, {} updated, {} deleted, {} errors", events.size(),
                    counts.inserted(), counts.updated(), counts.deleted(), counts.errors());
            if (counts.inserted() + counts.updated() + counts.deleted() > 0) {
                streamed.committed("hubspot");
            }
        } catch (RuntimeException e) {
            // the scheduled search still reads these changes: the checkpoints never moved for them
            log.error("hubspot webhook: {} events could not be applied, the next cycle reads them: {}", events.size(),
                    e.getMessage());
        }
    }

    /** What HubSpot signed: the registered public URL, or the URL the request arrived at; with its query string. */
    private String uri(HttpServletRequest request) {
        String base = properties.hasPublicUrl() ? properties.publicUrl() : request.getRequestURL().toString();
        return request.getQueryString() == null ? base : base + "?" + request.getQueryString();
    }

    /** For tests and shutdown: waits until the calls accepted so far are applied. */
    public void drain() throws InterruptedException {
        java.util.concurrent.Future<?> marker = worker.submit(this::flush);
        try {
            marker.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("webhook worker did not drain", e);
        }
    }
}
