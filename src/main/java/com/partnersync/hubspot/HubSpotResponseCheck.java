package com.partnersync.hubspot;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shapes HubSpot's read endpoints promise; each method returns what is wrong with a parsed 2xx body, or null.
 * The client turns a problem into a {@link com.partnersync.sync.MalformedResponseException} inside its retries, so a
 * cut-off or HTML body is never read as "no more records" or "no associations".
 */
final class HubSpotResponseCheck {
    private HubSpotResponseCheck() {
    }

    /** {@code GET /crm/v3/objects/<type>}: {@code results} of objects with an id; {@code paging.next.after} if more. */
    static String listPage(JsonNode page) {
        if (!page.path("results").isArray()) {
            return "no results array";
        }
        for (JsonNode result : page.path("results")) {
            if (!result.isObject() || !result.hasNonNull("id")) {
                return "a result without an id";
            }
        }
        if (page.has("paging") && page.path("paging").has("next")
                && page.path("paging").path("next").path("after").asText("").isEmpty()) {
            return "paging.next without an after cursor";
        }
        return null;
    }

    /** {@code POST /crm/v3/objects/<type>/search}: a list page plus the {@code total} the paging depends on. */
    static String searchPage(JsonNode page) {
        String problem = listPage(page);
        if (problem != null) {
            return problem;
        }
        if (!page.path("total").isIntegralNumber()) {
            return "no total";
        }
        if (page.path("total").asLong() < page.path("results").size()) {
            return "total " + page.path("total").asLong() + " but " + page.path("results").size() + " results";
        }
        return null;
    }

    /** {@code POST /crm/v3/objects/<type>/batch/read}: the records found; a 207's errors only OBJECT_NOT_FOUND. */
    static String batchRead(JsonNode answer) {
        String problem = listPage(answer);
        return problem != null ? problem : onlyNotFound(answer);
    }

    /**
     * {@code POST /crm/v4/associations/<from>/<to>/batch/read} (200, or 207 with errors): every result names its
     * {@code from.id} and lists {@code to}; the only error accepted is OBJECT_NOT_FOUND (the record has no such
     * associations, or no longer exists). Any other error leaves links unknown, so the whole answer fails rather than
     * clearing them.
     */
    static String associationsBatch(JsonNode answer) {
        if (!answer.path("results").isArray()) {
            return "no results array";
        }
        for (JsonNode result : answer.path("results")) {
            if (result.path("from").path("id").asText("").isEmpty() || !result.path("to").isArray()) {
                return "a result without from.id or to";
            }
            for (JsonNode to : result.path("to")) {
                if (to.path("toObjectId").asText("").isEmpty()) {
                    return "an association without toObjectId";
                }
            }
        }
        return onlyNotFound(answer);
    }

    /** A batch answer's errors, if any, are all OBJECT_NOT_FOUND: anything else leaves the answer incomplete. */
    private static String onlyNotFound(JsonNode answer) {
        for (JsonNode error : answer.path("errors")) {
            if (!"OBJECT_NOT_FOUND".equals(error.path("category").asText())) {
                return "error " + error.path("category").asText("?") + " " + error.path("subCategory").asText("")
                        + ": " + error.path("message").asText();
            }
        }
        return null;
    }
}
