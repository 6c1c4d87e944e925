package com.partnersync.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnersync.sync.CrmClock;
import com.partnersync.sync.MalformedResponseException;

import java.util.function.Function;

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

    /**
     * HubSpot's clock, from the Date header of its answers: what a search window provably covers is in its time. This
     * default knows no time, so incrementals keep re-reading the look-back window (the safe side).
     */
    default CrmClock clock() {
        return new CrmClock();
    }

    /**
     * As {@link #call(String, String, Object)}, with the endpoint's shape checked: {@code problemOf} names what is
     * wrong with a 2xx body (null when nothing is), and such an answer is retried like a 503, then thrown as a
     * {@link com.partnersync.sync.MalformedResponseException}. This default checks once, without retrying.
     */
    default JsonNode call(String method, String path, Object jsonBody, Function<JsonNode, String> problemOf) {
        JsonNode json = call(method, path, jsonBody);
        String problem = problemOf.apply(json);
        if (problem != null) {
            throw new MalformedResponseException("HubSpot " + method + " " + path, problem, 200, json.toString());
        }
        return json;
    }
}
