package com.partnersync.salesforce;

import com.fasterxml.jackson.databind.node.MissingNode;
import com.partnersync.ops.LoginGuard;
import com.partnersync.ops.SyncMetrics;
import com.partnersync.sync.CrmApiException;
import com.partnersync.sync.MalformedResponseException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.internal.SalesforceSession;
import org.eclipse.jetty.client.ContentResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Every Salesforce call of the service is one of these routes to a {@code salesforce:} endpoint of the camel-salesforce
 * component (bean {@code salesforce}, {@link SalesforceConfig}): its session builds and parses the token request
 * (password, refresh token or JWT), sent here through the login guard, and its HTTP client carries every call.
 * Retries are declared once here: REQUEST_LIMIT_EXCEEDED (other than the daily TotalRequests limit, which pauses the
 * run), 5xx, I/O failures and an expired session (401, after a new login) are redelivered with exponential backoff
 * and jitter, {@code max-attempts} in all. Before each call the API budget guard may stop the run;
 * after it, {@code Sforce-Limit-Info} updates the budget.
 */
public class SalesforceApiRoutes extends RouteBuilder {
    static final String QUERY = "direct:salesforce-api-query";
    static final String QUERY_ALL = "direct:salesforce-api-query-all";
    static final String QUERY_MORE = "direct:salesforce-api-query-more";
    static final String RAW = "direct:salesforce-api-raw";
    static final String CREATE_QUERY_JOB = "direct:salesforce-api-create-query-job";
    static final String GET_QUERY_JOB = "direct:salesforce-api-get-query-job";
    static final String QUERY_JOB_RESULTS = "direct:salesforce-api-query-job-results";
    static final String LOGIN = "direct:salesforce-api-login";
    /** Exchange property: the request's kind for the metrics (SyncMetrics.READ or WRITE). */
    private static final String KIND = "partnerSyncRequestKind";

    private final SalesforceProperties properties;
    private final SalesforceApiUsage usage;
    private final String fingerprint;
    /** The access token Salesforce last answered 401 to: the next call logs in again first. */
    private volatile String rejectedToken;

    public SalesforceApiRoutes(SalesforceProperties properties, SalesforceApiUsage usage) {
        this.properties = properties;
        this.usage = usage;
        this.fingerprint = LoginGuard.fingerprint(properties.loginUrl(), properties.clientId(),
                SalesforceProperties.reveal(properties.clientSecret()), properties.username(),
                SalesforceProperties.reveal(properties.password()), SalesforceProperties.reveal(properties.refreshToken()),
                properties.jwtKeystore());
    }

    @Override
    public void configure() {
        // the caller (SalesforceClient) turns a failure into CrmApiException with the body: no second log line here
        errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
        onException(SalesforceException.class, MalformedResponseException.class)
                .onWhen(exchange -> retryable(exchange.getException()))
                // asked after every failed attempt (the counter already counts it): a failure of the retry itself (a
                // refused login) is not retried
                .retryWhile(exchange -> retryable(exchange.getException())
                        && exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) < properties.maxAttempts())
                .redeliveryDelay(properties.initialBackoff().toMillis())
                .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance()
                .onRedelivery(usage::countRedelivery)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logExhausted(false);

        Function<Exchange, String> read = exchange -> SyncMetrics.READ;
        call(QUERY, "salesforce-api-query", "salesforce:query?rawPayload=true", queryPage("Salesforce query page"), read);
        call(QUERY_ALL, "salesforce-api-query-all", "salesforce:queryAll?rawPayload=true",
                queryPage("Salesforce queryAll page"), read);
        call(QUERY_MORE, "salesforce-api-query-more", "salesforce:queryMore?rawPayload=true",
                queryPage("Salesforce query page (nextRecordsUrl)"), read);
        call(RAW, "salesforce-api-raw", "salesforce:raw?format=JSON", SalesforceApiRoutes::rawJson,
                exchange -> "GET".equals(exchange.getMessage().getHeader(SalesforceEndpointConfig.RAW_METHOD))
                        ? SyncMetrics.READ : SyncMetrics.WRITE);
        call(CREATE_QUERY_JOB, "salesforce-api-create-query-job", "salesforce:bulk2CreateQueryJob",
                queryJob("Salesforce Bulk API 2.0 query job"), read);
        call(GET_QUERY_JOB, "salesforce-api-get-query-job", "salesforce:bulk2GetQueryJob",
                queryJob("Salesforce Bulk API 2.0 query job"), read);
        call(QUERY_JOB_RESULTS, "salesforce-api-query-job-results", "salesforce:bulk2GetQueryJobResults",
                SalesforceApiRoutes::queryJobResults, read);
        // for the component's other users (the CDC subscription), which would otherwise log in unguarded
        from(LOGIN).routeId("salesforce-api-login").process(this::login).id("salesforce-api-login-login");
    }

    /**
     * Route {@code routeId}: budget guard, then login, the call and the check of its answer as one sub-route
     * ({@code routeId-call}), so a redelivery repeats all three: a cut-off or HTML body is retried like a 503, and a
     * 401 (session expired) logs in again before the next attempt. Every answer, failed or not, is reported to the
     * monitor as a request of {@code kind}.
     */
    private void call(String from, String routeId, String salesforce, Processor check, Function<Exchange, String> kind) {
        from(from).routeId(routeId)
                .process(usage::beforeCall).id(routeId + "-budget")
                .to("direct:" + routeId + "-call").id(routeId + "-attempt")
                .process(usage::afterCall).id(routeId + "-usage");
        from("direct:" + routeId + "-call").routeId(routeId + "-call")
                .errorHandler(noErrorHandler())
                // decided before the call: the component's answer replaces the request headers
                .process(exchange -> exchange.setProperty(KIND, kind.apply(exchange))).id(routeId + "-kind")
                .process(this::login).id(routeId + "-login")
                .doTry()
                    .to(salesforce).id(routeId + "-endpoint")
                .doCatch(SalesforceException.class)
                    .process(this::failed).id(routeId + "-failed")
                .end()
                .process(exchange -> usage.monitor().response(exchange.getProperty(KIND, String.class), status(exchange)))
                    .id(routeId + "-answered")
                .process(check).id(routeId + "-check");
    }

    // The checks of SalesforceResponseCheck, each leaving the checked answer as the body.

    private static Processor queryPage(String endpoint) {
        return exchange -> exchange.getMessage().setBody(
                SalesforceResponseCheck.queryPage(endpoint, status(exchange), text(exchange)));
    }

    private static void rawJson(Exchange exchange) throws IOException {
        String body = text(exchange);
        String endpoint = "Salesforce " + exchange.getMessage().getHeader(SalesforceEndpointConfig.RAW_METHOD) + " "
                + exchange.getMessage().getHeader(SalesforceEndpointConfig.RAW_PATH);
        exchange.getMessage().setBody(body.isEmpty() ? MissingNode.getInstance()
                : SalesforceResponseCheck.json(endpoint, status(exchange), body));
    }

    private static Processor queryJob(String endpoint) {
        return exchange -> SalesforceResponseCheck.bulkJob(endpoint, status(exchange),
                exchange.getMessage().getBody(QueryJob.class));
    }

    private static void queryJobResults(Exchange exchange) throws IOException {
        String jobId = exchange.getMessage().getHeader(SalesforceEndpointConfig.JOB_ID, String.class);
        List<List<String>> rows = SalesforceResponseCheck.bulkResults("Salesforce Bulk API 2.0 results of job " + jobId,
                status(exchange), text(exchange), exchange.getMessage().getHeader("Sforce-NumberOfRecords", String.class));
        String next = exchange.getMessage().getHeader("Sforce-Locator", String.class);
        exchange.getMessage().setBody(new SalesforceClient.BulkChunk(rows,
                next == null || next.isEmpty() || "null".equals(next) ? null : next));
    }

    private static int status(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
    }

    /** The answer as UTF-8 text (the component hands raw payloads over as a stream). */
    private static String text(Exchange exchange) throws IOException {
        Object body = exchange.getMessage().getBody();
        if (body == null) {
            return "";
        }
        if (body instanceof String text) {
            return text;
        }
        try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (org.apache.camel.InvalidPayloadException e) {
            throw new IOException(e);
        }
    }

    /**
     * A failed answer: reported, and a 401 marks the session's token as rejected so the next attempt logs in again;
     * then thrown on to the redelivery policy.
     */
    private void failed(Exchange exchange) throws Exception {
        SalesforceException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, SalesforceException.class);
        usage.monitor().response(exchange.getProperty(KIND, String.class), failure.getStatusCode());
        if (failure.getStatusCode() == 401) {
            rejectedToken = session().getAccessToken();
        }
        throw failure;
    }

    /**
     * Logs the component's session in before the first call (lazy login would send it without a token first and spend
     * a call on the 401) and after a 401, through the login guard: one failed login stops Salesforce for the cycle, 3
     * failed cycles stop it until the credentials change. The component's own re-login on 401 is off (its HTTP client's
     * maxRetries is 0, {@link SalesforceConfig}), so every token request of the service is sent here.
     */
    private void login(Exchange exchange) {
        if (!needsLogin()) {
            return;
        }
        synchronized (this) {
            if (needsLogin()) { // else another object's call logged in meanwhile
                usage.monitor().login(fingerprint, this::requestToken);
            }
        }
    }

    private boolean needsLogin() {
        String token = session().getAccessToken();
        return token == null || token.equals(rejectedToken);
    }

    /** The component's token request (password, refresh token or JWT bearer, as configured) and its parsing. */
    private SalesforceSession requestToken() {
        SalesforceSession session = session();
        String flow = getContext().getComponent("salesforce", SalesforceComponent.class).getLoginConfig().getType().name();
        ContentResponse response;
        try {
            response = session.getLoginRequest(null).send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmApiException("Salesforce login (" + flow + ") interrupted", 0, "");
        } catch (TimeoutException | ExecutionException e) {
            usage.monitor().response(SyncMetrics.AUTH, 0);
            throw new CrmApiException("Salesforce login (" + flow + ") got no answer: " + e.getMessage(), 0, "");
        }
        usage.monitor().response(SyncMetrics.AUTH, response.getStatus());
        try {
            session.parseLoginResponse(response, response.getContentAsString());
        } catch (SalesforceException e) {
            throw new CrmApiException("Salesforce login (" + flow + ") failed with HTTP " + response.getStatus() + ": "
                    + e.getMessage(), response.getStatus(), response.getContentAsString());
        }
        return session;
    }

    private SalesforceSession session() {
        return getContext().getComponent("salesforce", SalesforceComponent.class).getSession();
    }

    /**
     * Worth another attempt: a malformed answer, the org momentarily busy, the network or a server failed (status 0:
     * no answer), or the session expired (401).
     */
    static boolean retryable(Throwable failure) {
        if (failure instanceof MalformedResponseException) {
            return true;
        }
        if (!(failure instanceof SalesforceException e) || dailyLimitExceeded(e)) {
            return false;
        }
        return hasError(e, "REQUEST_LIMIT_EXCEEDED") || e.getStatusCode() == 0 || e.getStatusCode() >= 500
                || e.getStatusCode() == 401; // the session expired: the next attempt logs in first
    }

    /** REQUEST_LIMIT_EXCEEDED for TotalRequests: the org's daily API limit is gone, so retrying cannot help. */
    static boolean dailyLimitExceeded(SalesforceException e) {
        return hasError(e, "REQUEST_LIMIT_EXCEEDED") && String.valueOf(e.getMessage()).contains("TotalRequests")
                || e.getErrors() != null && e.getErrors().stream().anyMatch(error ->
                "REQUEST_LIMIT_EXCEEDED".equals(error.getErrorCode()) && String.valueOf(error.getMessage()).contains("TotalRequests"));
    }

    private static boolean hasError(SalesforceException e, String errorCode) {
        return e.getErrors() != null && e.getErrors().stream().anyMatch(error -> errorCode.equals(error.getErrorCode()))
                || String.valueOf(e.getMessage()).contains(errorCode);
    }
}
