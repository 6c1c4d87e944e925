package com.partnersync.sync;

/** A CRM call that failed for good (after the client's bounded retries): the HTTP status and the CRM's error body. */
public class CrmApiException extends RuntimeException {
    private final int status;
    private final String body;

    public CrmApiException(String message, int status, String body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    /** The CRM's error code and explanation from the body, never cut before the part naming the field or object. */
    public String cause() {
        return CrmErrorText.describe(body);
    }
}
