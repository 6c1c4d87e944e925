package com.partnersync.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.partnersync.sync.ApiLimitReachedException;
import com.partnersync.sync.CrmApiException;
import com.partnersync.sync.CrmClock;
import com.partnersync.sync.MalformedResponseException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import com.partnersync.ops.CrmMonitor;
import com.partnersync.ops.LoginGuard;
import com.partnersync.ops.SyncMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one Salesforce REST session of the service: OAuth login (username-password, refresh token or JWT bearer, as
 * configured), a single re-login on 401 INVALID_SESSION_ID, bounded exponential backoff with jitter for
 * REQUEST_LIMIT_EXCEEDED, 5xx and I/O timeouts, and the org's API usage read from {@code Sforce-Limit-Info} after every
 * call. Before each call the usage is compared with {@code max-api-share}, so a run stops before it eats the budget
 * other integrations of the org depend on.
 */
public class SalesforceClient implements SalesforceApi {
    private static final Logger log = LoggerFactory.getLogger(SalesforceClient.class);
    private static final Pattern FROM = Pattern.compile("(?i)\\bfrom\\s+(\\w+)");
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceProperties properties;
    private final CrmMonitor monitor;
    private final HttpClient http;
    private final Retry retry;
    private final AtomicLong apiUsed = new AtomicLong();
    private final AtomicLong apiMax = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final CrmClock clock = new CrmClock();
    private volatile Session session;

    private record Session(String accessToken, String instanceUrl) {
    }

    /** A response worth another attempt: the org is momentarily busy, or the network or server failed. */
    static final class RetryableCallException extends CrmApiException {
        RetryableCallException(String message, int status, String body) {
            super(message, status, body);
        }
    }

    /** A raw response, for the calls whose body is not JSON (Bulk API 2.0 CSV results). */
    public record Response(int status, String body, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public SalesforceClient(SalesforceProperties properties, CrmMonitor monitor) {
        this.properties = properties;
        // tests and benchmarks built before monitoring existed pass null
        this.monitor = monitor != null ? monitor : CrmMonitor.unmonitored(SalesforceRecords.SOURCE);
        this.http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(30)).build();
        this.retry = Retry.of("salesforce", RetryConfig.custom()
                .maxAttempts(properties.getMaxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.getInitialBackoff(), 2.0, 0.5))
                .retryExceptions(RetryableCallException.class, MalformedResponseException.class)
                .build());
        retry.getEventPublisher().onRetry(event -> log.warn("Salesforce call failed ({}), attempt {} of {}, retrying in {} ms",
                event.getLastThrowable().getMessage(), event.getNumberOfRetryAttempts(), properties.getMaxAttempts(),
                event.getWaitInterval().toMillis()));
    }

    public boolean configured() {
        return properties.configured();
    }

    /** Calls made by this client since it was created, retries and logins included. */
    public long apiCalls() {
        return calls.get();
    }

    public long apiUsed() {
        return apiUsed.get();
    }

    public long apiMax() {
        return apiMax.get();
    }

    /** The org's clock, from the Date header of the instance's answers (the login server's are not used). */
    public CrmClock clock() {
        return clock;
    }

    @Override
    public JsonNode call(String method, String pathUnderVersion, Object jsonBody) {
        String body;
        try {
            body = jsonBody == null ? null : JSON.writeValueAsString(jsonBody);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body cannot be serialised", e);
        }
        String endpoint = "Salesforce " + method + " " + pathUnderVersion.replaceFirst("\\?.*", "");
        return exchange(method, versionPath() + pathUnderVersion, body, response -> response.body() == null
                || response.body().isEmpty() ? MissingNode.getInstance()
                : SalesforceResponseCheck.json(endpoint, response.status(), response.body()));
    }

    /** GET of a query's {@code nextRecordsUrl} (queryMore): a checked query page. */
    public JsonNode getPath(String pathFromInstance) {
        if (!pathFromInstance.startsWith("/services/")) {
            throw new IllegalArgumentException("not a Salesforce REST path: " + pathFromInstance);
        }
        return exchange("GET", pathFromInstance, null,
                response -> SalesforceResponseCheck.queryPage("Salesforce query page (nextRecordsUrl)", response.status(),
                        response.body()));
    }

    /** The first page of a SOQL query, checked; {@code queryAll} also returns deleted (IsDeleted) records. */
    public JsonNode query(String soql, boolean queryAll) {
        String endpoint = "Salesforce " + (queryAll ? "queryAll" : "query") + " page";
        JsonNode page = exchange("GET", versionPath() + (queryAll ? "/queryAll" : "/query") + "?q=" + encode(soql), null,
                response -> SalesforceResponseCheck.queryPage(endpoint, response.status(), response.body()));
        String object = null;
        for (Matcher from = FROM.matcher(soql); from.find(); ) {
            object = from.group(1); // the last FROM: the queried object, after any relationship subqueries
        }
        if (object != null && page.has("totalSize")) {
            monitor.expect(object, page.path("totalSize").asLong());
        }
        return page;
    }

    /** One chunk of a Bulk API 2.0 query job's CSV results, checked, with the locator of the next chunk (or null). */
    public record BulkChunk(List<List<String>> rows, String locator) {
    }

    public BulkChunk bulkResults(String jobId, String locator, int maxRecords) {
        String endpoint = "Salesforce Bulk API 2.0 results of job " + jobId;
        return exchange("GET", versionPath() + "/jobs/query/" + jobId + "/results?maxRecords=" + maxRecords
                        + (locator == null ? "" : "&locator=" + encode(locator)), null,
                response -> {
                    String next = response.header("Sforce-Locator");
                    return new BulkChunk(SalesforceResponseCheck.bulkResults(endpoint, response.status(), response.body(),
                            response.header("Sforce-NumberOfRecords")),
                            next == null || next.isEmpty() || "null".equals(next) ? null : next);
                });
    }

    private String versionPath() {
        return "/services/data/v" + properties.getApiVersion();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * One call with the client's retries; {@code read} checks and parses the answer inside them, so a malformed body
     * is retried like a 503.
     */
    private <T> T exchange(String method, String path, String body, Function<Response, T> read) {
        checkBudget();
        return retry.executeSupplier(() -> {
            Response response = send(method, path, body, currentSession());
            if (response.status() == 401) {
                // Sessions expire (timeout, revoked, password change): log in again once, then give up.
                log.info("Salesforce session expired, logging in again");
                session = null;
                response = send(method, path, body, currentSession());
            }
            return read.apply(checked(response));
        });
    }

    private Response checked(Response response) {
        int status = response.status();
        if (status < 400) {
            return response;
        }
        String body = response.body() == null ? "" : response.body();
        if (body.contains("REQUEST_LIMIT_EXCEEDED")) {
            if (body.contains("TotalRequests")) {
                throw new ApiLimitReachedException("Salesforce daily API request limit exceeded");
            }
            throw new RetryableCallException("Salesforce REQUEST_LIMIT_EXCEEDED", status, body);
        }
        if (status >= 500) {
            throw new RetryableCallException("Salesforce server error " + status, status, body);
        }
        throw new CrmApiException("Salesforce call failed with HTTP " + status, status, body);
    }

    private void checkBudget() {
        long max = apiMax.get();
        if (max > 0 && apiUsed.get() >= properties.getMaxApiShare() * max) {
            throw new ApiLimitReachedException("Salesforce API usage " + apiUsed.get() + "/" + max
                    + " reached the configured share " + properties.getMaxApiShare() + " of the daily limit");
        }
    }

    private Response send(String method, String path, String body, Session current) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(current.instanceUrl() + path))
                .timeout(properties.getRequestTimeout())
                .header("Authorization", "Bearer " + current.accessToken())
                .header("Accept", "application/json, text/csv")
                .header("Sforce-Query-Options", "batchSize=" + properties.getBatchSize())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        Response response = send(request.build());
        clock.observe(response.header("Date"), Instant.now());
        String limitInfo = response.header("Sforce-Limit-Info");
        if (limitInfo != null) {
            Matcher m = API_USAGE.matcher(limitInfo);
            if (m.find()) {
                apiUsed.set(Long.parseLong(m.group(1)));
                apiMax.set(Long.parseLong(m.group(2)));
                monitor.apiBudget(apiUsed.get(), apiMax.get());
            }
        }
        return response;
    }

    private Response send(HttpRequest request) {
        calls.incrementAndGet();
        String kind = kind(request);
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            monitor.response(kind, response.statusCode());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            return new Response(response.statusCode(), response.body(), Collections.unmodifiableMap(headers));
        } catch (IOException e) {
            monitor.response(kind, 0);
            // Timeouts and dropped connections: the same request is safe to send again (reads, idempotent updates).
            throw new RetryableCallException("Salesforce unreachable: " + e.getClass().getSimpleName(), 0, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmApiException("interrupted while calling Salesforce", 0, "");
        }
    }

    /** For the metrics: the token request, reads (queries, Bulk query jobs, any GET) and writes. */
    private static String kind(HttpRequest request) {
        String path = request.uri().getPath();
        if (path.endsWith("/oauth2/token")) {
            return SyncMetrics.AUTH;
        }
        return request.method().equals("GET") || path.contains("/jobs/query") ? SyncMetrics.READ : SyncMetrics.WRITE;
    }

    private Session currentSession() {
        Session current = session;
        if (current == null) {
            synchronized (this) {
                current = session;
                if (current == null) {
                    current = monitor.login(credentialFingerprint(), this::login);
                    session = current;
                }
            }
        }
        return current;
    }

    private String credentialFingerprint() {
        return LoginGuard.fingerprint(properties.getLoginUrl(), properties.getClientId(), properties.getClientSecret(),
                properties.getUsername(), properties.getPassword(), properties.getRefreshToken(), properties.getJwtKeystore());
    }

    /** OAuth 2.0 token request for whichever flow the configured credentials allow (JWT, refresh token, password). */
    private Session login() {
        Map<String, String> form = new LinkedHashMap<>();
        if (present(properties.getJwtKeystore())) {
            form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            form.put("assertion", jwtAssertion());
        } else if (present(properties.getRefreshToken())) {
            form.put("grant_type", "refresh_token");
            form.put("client_id", properties.getClientId());
            putIfPresent(form, "client_secret", properties.getClientSecret());
            form.put("refresh_token", properties.getRefreshToken());
        } else {
            form.put("grant_type", "password");
            form.put("client_id", properties.getClientId());
            putIfPresent(form, "client_secret", properties.getClientSecret());
            form.put("username", properties.getUsername());
            form.put("password", properties.getPassword());
        }
        String encoded = form.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.getLoginUrl() + "/services/oauth2/token"))
                .timeout(properties.getRequestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build();
        Response response = send(request);
        if (response.status() >= 500) {
            throw new RetryableCallException("Salesforce login failed with HTTP " + response.status(), response.status(), "");
        }
        JsonNode token = SalesforceResponseCheck.json("Salesforce OAuth token", response.status(), response.body());
        if (response.status() != 200 || !token.hasNonNull("access_token")) {
            // The token endpoint's error body names the problem (invalid_grant ...) and never echoes the secrets.
            throw new CrmApiException("Salesforce login (" + form.get("grant_type") + ") failed with HTTP "
                    + response.status(), response.status(), response.body());
        }
        log.info("Salesforce session opened ({} grant) on {}", form.get("grant_type"), token.path("instance_url").asText());
        return new Session(token.get("access_token").asText(), token.path("instance_url").asText(properties.getLoginUrl()));
    }

    private String jwtAssertion() {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            char[] password = properties.getJwtKeystorePassword() == null ? new char[0]
                    : properties.getJwtKeystorePassword().toCharArray();
            try (InputStream in = Files.newInputStream(Path.of(properties.getJwtKeystore()))) {
                keyStore.load(in, password);
            }
            String alias = Collections.list(keyStore.aliases()).stream().filter(a -> isKey(keyStore, a)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no private key in the Salesforce JWT keystore"));
            PrivateKey key = (PrivateKey) keyStore.getKey(alias, password);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
            String claims = b64.encodeToString(JSON.writeValueAsBytes(Map.of(
                    "iss", properties.getClientId(), "sub", properties.getUsername(),
                    "aud", properties.getLoginUrl(), "exp", Instant.now().plusSeconds(180).getEpochSecond())));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + b64.encodeToString(signature.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the Salesforce JWT with keystore " + properties.getJwtKeystore()
                    + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static boolean isKey(KeyStore keyStore, String alias) {
        try {
            return keyStore.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static void putIfPresent(Map<String, String> form, String key, String value) {
        if (present(value)) {
            form.put(key, value);
        }
    }
}
