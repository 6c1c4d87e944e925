package com.partnersync.mapping;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * What a record's key (its CRM id and modification time) must look like before it may be stored or become a
 * checkpoint. A checkpoint goes into the next query: an id like {@code 006' OR Name != '} or a time read from
 * {@code 20261207} as epoch milliseconds would break or skew every later run, so such a record is a sync_error.
 */
public final class RecordKeys {
    private static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}");
    private static final Pattern HUBSPOT_ID = Pattern.compile("[1-9][0-9]{0,18}");
    /**
     * Epoch milliseconds as HubSpot sends them: 12 or 13 digits (1973 to 2286). Shorter numbers are not taken for
     * times: 20261207 read as milliseconds would be 1970-01-01, silently.
     */
    static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{12,13}");

    private RecordKeys() {
    }

    /** 15 (case-sensitive) or 18 (case-safe) letters and digits. */
    public static boolean isSalesforceId(String id) {
        return id != null && SALESFORCE_ID.matcher(id).matches();
    }

    /** A positive whole number (HubSpot's {@code hs_object_id}). */
    public static boolean isHubSpotId(String id) {
        return id != null && HUBSPOT_ID.matcher(id).matches();
    }

    /**
     * An ISO-8601 instant ({@code 2026-12-07T10:00:00.123Z}) or 12-13 digit epoch milliseconds.
     *
     * @throws DateTimeParseException for anything else, a bare number of another length included
     */
    public static Instant instant(String value) {
        if (value == null) {
            throw new DateTimeParseException("no time", "", 0);
        }
        if (EPOCH_MILLIS.matcher(value).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        return Instant.parse(value);
    }
}
