package com.partnersync.salesforce;

import com.fasterxml.jackson.databind.node.MissingNode;
import com.partnersync.sync.MalformedResponseException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.camel.component.salesforce.api.SalesforceException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every Salesforce call of the service is one of these routes to a {@code salesforce:} endpoint of the camel-salesforce
 * component (bean {@code salesforce}, {@link SalesforceConfig}): its session logs in (password, refresh token or JWT),
 * logs in again on 401, and its HTTP client carries the request. Retries are declared once here: REQUEST_LIMIT_EXCEEDED
 * (other than the daily TotalRequests limit, which pauses the run), 5xx and I/O failures are redelivered with
 * exponential backoff and jitter, {@code max-attempts} in all. Before each call the API budget guard may stop the run;
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

    private final SalesforceProperties properties;
    private final SalesforceApiUsage usage;

    public SalesforceApiRoutes(SalesforceProperties properties, SalesforceApiUsage usage) {
        this.properties = properties;
        this.usage = usage;
    }

    @Override
    public void configure() {
        // the caller (SalesforceClient) turns a failure into CrmApiException with the body: no second log line here
        errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
        onException(SalesforceException.class, MalformedResponseException.class)
                .onWhen(exchange -> retryable(exchange.getException()))
                .maximumRedeliveries(properties.getMaxAttempts() - 1)
                .redeliveryDelay(properties.getInitialBackoff().toMillis())
                .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance()
                .onRedelivery(usage::countRedelivery)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logExhausted(false);

        call(QUERY, "salesforce-api-query", "salesforce:query?rawPayload=true", queryPage("Salesforce query page"));
        call(QUERY_ALL, "salesforce-api-query-all", "salesforce:queryAll?rawPayload=true",
                queryPage("Salesforce queryAll page"));
        call(QUERY_MORE, "salesforce-api-query-more", "salesforce:queryMore?rawPayload=true",
                queryPage("Salesforce query page (nextRecordsUrl)"));
        call(RAW, "salesforce-api-raw", "salesforce:raw?format=JSON", SalesforceApiRoutes::rawJson);
        call(CREATE_QUERY_JOB, "salesforce-api-create-query-job", "salesforce:bulk2CreateQueryJob",
                queryJob("Salesforce Bulk API 2.0 query job"));
        call(GET_QUERY_JOB, "salesforce-api-get-query-job", "salesforce:bulk2GetQueryJob",
                queryJob("Salesforce Bulk API 2.0 query job"));
        call(QUERY_JOB_RESULTS, "salesforce-api-query-job-results", "salesforce:bulk2GetQueryJobResults",
                SalesforceApiRoutes::queryJobResults);
    }

    /**
     * Route {@code routeId}: budget guard, login, then the call and the check of its answer as one sub-route
     * ({@code routeId-call}), so a redelivery repeats both: a cut-off or HTML body is retried like a 503.
     */
    private void call(String from, String routeId, String salesforce, Processor check) {
        from(from).routeId(routeId)
                .process(usage::beforeCall).id(routeId + "-budget")
                .process(this::login).id(routeId + "-login")
                .to("direct:" + routeId + "-call").id(routeId + "-attempt")
                .process(usage::afterCall).id(routeId + "-usage");
        from("direct:" + routeId + "-call").routeId(routeId + "-call")
                .errorHandler(noErrorHandler())
                .to(salesforce).id(routeId + "-endpoint")
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
     * The component's session logs in before the first call (lazy login would send it without a token first and
     * spend a call on the 401); a refused login is a SalesforceException naming the token endpoint's error.
     */
    private void login(Exchange exchange) throws SalesforceException {
        SalesforceComponent component = getContext().getComponent("salesforce", SalesforceComponent.class);
        if (component.getSession().getAccessToken() == null) {
            try {
                component.getSession().login(null);
            } catch (SalesforceException e) {
                throw new SalesforceException(e.getErrors(), e.getStatusCode(), "Salesforce login ("
                        + component.getLoginConfig().getType() + ") failed with HTTP " + e.getStatusCode() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * Worth another attempt: a malformed answer, the org momentarily busy, or the network or a server failed (status 0:
     * no answer).
     */
    static boolean retryable(Throwable failure) {
        if (failure instanceof MalformedResponseException) {
            return true;
        }
        if (!(failure instanceof SalesforceException e) || dailyLimitExceeded(e)) {
            return false;
        }
        return hasError(e, "REQUEST_LIMIT_EXCEEDED") || e.getStatusCode() == 0 || e.getStatusCode() >= 500;
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
