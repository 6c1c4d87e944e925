package com.partnersync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An authenticated Salesforce REST session shared by the source routes and write-back, so both draw on one API budget.
 * Implementations re-authenticate once on 401 INVALID_SESSION_ID, retry REQUEST_LIMIT_EXCEEDED/5xx/timeouts with
 * bounded backoff, read Sforce-Limit-Info after every call, and throw
 * {@link com.partnersync.sync.ApiLimitReachedException} once usage passes the configured share of the daily limit.
 */
public interface SalesforceApi {
    /**
     * @param method HTTP method
     * @param pathUnderVersion path after {@code /services/data/vNN.N}, e.g. {@code /composite/sobjects}
     * @param jsonBody body serialised with Jackson, or null
     * @return the parsed response body (a missing node for 204)
     * @throws com.partnersync.sync.CrmApiException for a non-retryable error or when retries are spent
     */
    JsonNode call(String method, String pathUnderVersion, Object jsonBody);
}
