package com.partnersync.hubspot;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An authenticated HubSpot CRM session shared by the source routes and write-back, so both respect one rate limit.
 * Implementations honour the X-HubSpot-RateLimit headers, wait out 429 TEN_SECONDLY_ROLLING and 423, retry 502/503/504
 * with bounded backoff, and throw {@link com.partnersync.sync.ApiLimitReachedException} on a DAILY 429.
 */
public interface HubSpotApi {
    /**
     * @param method HTTP method
     * @param path path from the API root, e.g. {@code /crm/v3/objects/deals/batch/update}
     * @param jsonBody body serialised with Jackson, or null
     * @return the parsed response body; a 207 multi-status batch response is returned, not thrown
     * @throws com.partnersync.sync.CrmApiException for a non-retryable error or when retries are spent
     */
    JsonNode call(String method, String path, Object jsonBody);
}
