package com.partnersync.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.partnersync.sync.ApiLimitReachedException;
import com.partnersync.sync.CrmApiException;
import com.partnersync.sync.CrmClock;
import com.partnersync.ops.CrmMonitor;
import com.partnersync.ops.LoginGuard;
import com.partnersync.ops.SyncMetrics;
import com.partnersync.sync.CrmErrorText;
import com.partnersync.sync.MalformedResponseException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The one HubSpot session of the process (source routes and write-back share it, so they share its limits).
 *
 * <p>Two client-side limiters keep requests evenly spaced so that no rolling window ever holds more than the
 * account's burst limit ({@code requests-per-interval}) or the search API's per-second limit; the response headers
 * then correct for other clients of the same account. Whatever still goes wrong is retried by a resilience4j
 * {@link Retry} whose wait depends on the answer: 429 TEN_SECONDLY_ROLLING and 423 wait a fixed time, 502/503/504
 * back off exponentially, a DAILY 429 stops the run with {@link ApiLimitReachedException}.
 */
public class HubSpotClient implements HubSpotApi {
    private static final Logger log = LoggerFactory.getLogger(HubSpotClient.class);

    private final HubSpotProperties properties;
    private final CrmMonitor monitor;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final RateLimiter burstLimiter;
    private final RateLimiter searchLimiter;
    private final Retry retry;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final CrmClock clock = new CrmClock();
    /** Daily calls left as last reported, and the UTC day it was reported on (HubSpot resets the count daily). */
    private volatile long dailyRemaining = Long.MAX_VALUE;
    private volatile LocalDate dailyRemainingDay = LocalDate.MIN;
    private volatile long waitBeforeNextMillis;

    public HubSpotClient(HubSpotProperties properties, CrmMonitor monitor) {
        this.properties = properties;
        // tests and benchmarks built before monitoring existed pass null
        this.monitor = monitor != null ? monitor : CrmMonitor.unmonitored(HubSpotRecords.SOURCE);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.burstLimiter = evenlySpaced("hubspot-burst", properties.requestsPerInterval(), properties.interval());
        this.searchLimiter = evenlySpaced("hubspot-search", properties.searchesPerSecond(), Duration.ofSeconds(1));
        this.retry = Retry.of("hubspot", RetryConfig.<Response>custom()
                .maxAttempts(properties.maxAttempts())
                .retryOnResult(Response::retryable)
                .retryExceptions(UncheckedIOException.class, MalformedResponseException.class)
                .intervalBiFunction((IntervalBiFunction<Response>) this::waitBeforeRetry)
                .build());
    }

    /**
     * One permit per slot of {@code window / (limit - 1)}: any rolling window then touches at most {@code limit}
     * slots, so the server's rolling count can never exceed the limit, while a busy client still uses ~99% of it.
     */
    private static RateLimiter evenlySpaced(String name, int limit, Duration window) {
        long slotNanos = (window.toNanos() + Math.max(1, limit - 1) - 1) / Math.max(1, limit - 1);
        return RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(Math.max(1, slotNanos)))
                .timeoutDuration(Duration.ofHours(1))
                .build());
    }

    /** Requests sent so far (every attempt counts: it is what HubSpot counts). */
    public long calls() {
        return calls.get();
    }

    @Override
    public CrmClock clock() {
        return clock;
    }

    /** 429 answers received so far. */
    public long rateLimited() {
        return rateLimited.get();
    }

    @Override
    public JsonNode call(String method, String path, Object jsonBody) {
        return call(method, path, jsonBody, json -> null);
    }

    @Override
    public JsonNode call(String method, String path, Object jsonBody, Function<JsonNode, String> problemOf) {
        if (!properties.configured()) {
            throw new IllegalStateException("HubSpot access token not configured (HUBSPOT_ACCESS_TOKEN)");
        }
        String payload = serialise(jsonBody);
        String endpoint = "HubSpot " + method + " " + path.replaceFirst("\\?.*", "");
        Response response = retry.executeSupplier(() -> checked(endpoint, send(method, path, payload), problemOf));
        if (response.status() / 100 == 2) {
            JsonNode body = response.json();
            if (path.endsWith("/search") && body.has("total")) {
                monitor.expect(path.replaceAll(".*/objects/([^/]+)/search$", "$1"), body.path("total").asLong());
            }
            return body;
        }
        if (response.dailyLimit()) {
            throw new ApiLimitReachedException("HubSpot daily API limit reached: " + message(response.body()));
        }
        throw new CrmApiException("HubSpot " + method + " " + path + " failed with " + response.status() + ": "
                + message(response.body()), response.status(), response.body());
    }

    /** A 2xx answer parsed and checked (inside the retries); a 204 has no body to check. */
    private Response checked(String endpoint, Response response, Function<JsonNode, String> problemOf) {
        if (response.status() / 100 != 2 || response.status() == 204) {
            return response;
        }
        JsonNode json;
        try {
            json = response.body() == null || response.body().isBlank() ? null : this.json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(endpoint, "not JSON (" + e.getOriginalMessage() + ")",
                    response.status(), response.body());
        }
        if (json == null || !json.isObject()) {
            throw new MalformedResponseException(endpoint, "not a JSON object", response.status(), response.body());
        }
        String problem = problemOf.apply(json);
        if (problem != null) {
            throw new MalformedResponseException(endpoint, problem, response.status(), response.body());
        }
        return new Response(response.status(), response.body(), response.policy(), json);
    }

    private Response send(String method, String path, String payload) {
        // a rejected token stops HubSpot for the cycle, and for good after 3 cycles, like a failed login
        String token = LoginGuard.fingerprint(properties.baseUrl(),
                properties.accessToken() == null ? null : properties.accessToken().reveal());
        monitor.checkLogin(token);
        if (dailyRemainingDay.equals(LocalDate.now(ZoneOffset.UTC)) && dailyRemaining <= properties.dailyReserve()) {
            throw new ApiLimitReachedException("HubSpot daily API budget used up (" + dailyRemaining
                    + " calls left, reserve " + properties.dailyReserve() + ")");
        }
        RateLimiter.waitForPermission(burstLimiter);
        if (path.endsWith("/search")) {
            RateLimiter.waitForPermission(searchLimiter);
        }
        sleep(waitBeforeNextMillis);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.baseUrl() + path))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + properties.accessToken().reveal())
                .header("Accept", "application/json");
        if (payload != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(payload));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        String kind = path.contains("/batch/update") || !method.equals("GET") && !method.equals("POST")
                ? SyncMetrics.WRITE : SyncMetrics.READ;
        try {
            calls.incrementAndGet();
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            monitor.response(kind, response.statusCode());
        } catch (IOException e) {
            monitor.response(kind, 0);
            throw new UncheckedIOException("HubSpot " + method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling HubSpot", e);
        }
        clock.observe(response.headers().firstValue("Date").orElse(null), Instant.now());
        honourLimitHeaders(response);
        if (response.statusCode() == 401) {
            monitor.loginFailed(token, new CrmApiException("HubSpot rejected the access token", 401, response.body()));
        } else if (response.statusCode() / 100 == 2) {
            monitor.loginSucceeded(token);
        }
        String policy = null;
        if (response.statusCode() == 429) {
            rateLimited.incrementAndGet();
            policy = parse(response.body()).path("policyName").asText("");
            if (policy.equals("DAILY")) {
                dailyRemaining = 0;
                dailyRemainingDay = LocalDate.now(ZoneOffset.UTC);
            }
        }
        return new Response(response.statusCode(), response.body(), policy, MissingNode.getInstance());
    }

    /** Remaining 0 in the rolling window: give the window one slot's time before the next request. */
    private void honourLimitHeaders(HttpResponse<String> response) {
        long max = header(response, "X-HubSpot-RateLimit-Max");
        long remaining = header(response, "X-HubSpot-RateLimit-Remaining");
        long interval = header(response, "X-HubSpot-RateLimit-Interval-Milliseconds");
        waitBeforeNextMillis = remaining == 0 && max > 0 && interval > 0 ? interval / max : 0;
        long daily = header(response, "X-HubSpot-RateLimit-Daily-Remaining");
        long dailyLimit = header(response, "X-HubSpot-RateLimit-Daily");
        if (daily >= 0 && dailyLimit > 0) {
            monitor.apiBudget(dailyLimit - daily, dailyLimit);
        }
        if (daily >= 0) {
            dailyRemaining = daily;
            dailyRemainingDay = LocalDate.now(ZoneOffset.UTC);
        }
    }

    private static long header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
    }

    private Long waitBeforeRetry(Integer attempt, Either<Throwable, Response> outcome) {
        Duration wait;
        if (outcome.isRight() && outcome.get().status() == 429) {
            wait = properties.secondlyWait();
        } else if (outcome.isRight() && outcome.get().status() == 423) {
            wait = properties.lockedWait();
        } else {
            long initial = properties.backoffInitial().toMillis();
            wait = Duration.ofMillis(Math.min(properties.backoffMax().toMillis(),
                    initial << Math.min(20, Math.max(0, attempt - 1))));
        }
        String what = outcome.isRight() ? "HTTP " + outcome.get().status() : outcome.getLeft().getMessage();
        log.warn("HubSpot call answered {} (attempt {}), retrying in {} ms", what, attempt, wait.toMillis());
        return wait.toMillis();
    }

    private String serialise(Object body) {
        if (body == null) {
            return null;
        }
        try {
            return body instanceof String s ? s : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise HubSpot request body", e);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static String message(String body) {
        return CrmErrorText.describe(body);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for HubSpot's rate limit", e);
        }
    }

    /** One HTTP answer; {@code policy} is the 429 policyName (TEN_SECONDLY_ROLLING, DAILY, ...); {@code json} once checked. */
    record Response(int status, String body, String policy, JsonNode json) {
        boolean retryable() {
            return (status == 429 && !dailyLimit()) || status == 423 || status == 502 || status == 503 || status == 504;
        }

        boolean dailyLimit() {
            return status == 429 && "DAILY".equals(policy);
        }
    }
}
