package com.partnersync.salesforce;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.SalesforceException;

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
        onException(SalesforceException.class)
                .onWhen(exchange -> exchange.getException() instanceof SalesforceException e && retryable(e))
                .maximumRedeliveries(properties.getMaxAttempts() - 1)
                .redeliveryDelay(properties.getInitialBackoff().toMillis())
                .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance()
                .onRedelivery(usage::countRedelivery)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logExhausted(false);

        call(QUERY, "salesforce-api-query", "salesforce:query?rawPayload=true");
        call(QUERY_ALL, "salesforce-api-query-all", "salesforce:queryAll?rawPayload=true");
        call(QUERY_MORE, "salesforce-api-query-more", "salesforce:queryMore?rawPayload=true");
        call(RAW, "salesforce-api-raw", "salesforce:raw?format=JSON");
        call(CREATE_QUERY_JOB, "salesforce-api-create-query-job", "salesforce:bulk2CreateQueryJob");
        call(GET_QUERY_JOB, "salesforce-api-get-query-job", "salesforce:bulk2GetQueryJob");
        call(QUERY_JOB_RESULTS, "salesforce-api-query-job-results", "salesforce:bulk2GetQueryJobResults");
    }

    private void call(String from, String routeId, String salesforce) {
        from(from).routeId(routeId)
                .process(usage::beforeCall).id(routeId + "-budget")
                .process(this::login).id(routeId + "-login")
                .to(salesforce).id(routeId + "-call")
                .process(usage::afterCall).id(routeId + "-usage");
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

    /** Worth another attempt: the org is momentarily busy, or the network or a server failed (status 0: no answer). */
    static boolean retryable(SalesforceException e) {
        if (e == null) {
            return false;
        }
        if (dailyLimitExceeded(e)) {
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
