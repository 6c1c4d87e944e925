package com.partnersync.sync;

/**
 * A 2xx answer whose body does not have the shape its endpoint promises: not JSON or CSV (cut off, an HTML error
 * page from a proxy), a required member missing, paging that contradicts itself, fewer rows than announced. Never
 * read as empty: the clients retry it with backoff like a 503, then the object fails with this message, and
 * nothing (cursor, checkpoint, association link) moves on its strength.
 */
public class MalformedResponseException extends CrmApiException {
    private static final int EXCERPT = 120;

    /**
     * @param endpoint what was called, e.g. {@code Salesforce queryAll page} or {@code HubSpot POST /crm/v3/objects/deals/search}
     * @param problem what is wrong with the body
     */
    public MalformedResponseException(String endpoint, String problem, int status, String body) {
        super(endpoint + " answered " + status + " with a malformed body: " + problem + excerpt(body), status, body);
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return " (empty body)";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return " (body starts '" + (oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "...")
                + "', " + body.length() + " characters)";
    }
}
