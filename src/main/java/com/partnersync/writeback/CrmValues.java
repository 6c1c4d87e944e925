package com.partnersync.writeback;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/** Reading a CRM field from a record as the CRM returned it, and comparing it with a value we would write. */
final class CrmValues {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{11,}");

    private CrmValues() {
    }

    /** Salesforce fields are top-level; HubSpot keeps them under {@code properties}. */
    static JsonNode field(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value != null ? value : record.path("properties").path(field);
    }

    /** True when the record carries the field at all (null included): only then does it tell us the CRM's value. */
    static boolean has(JsonNode record, String field) {
        return record != null && !field(record, field).isMissingNode();
    }

    /** The field as text; null for a missing, null or empty value (HubSpot reports a cleared property as ""). */
    static String text(JsonNode record, String field) {
        JsonNode value = field(record, field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    /**
     * Whether the CRM value already equals ours. Dates we write as YYYY-MM-DD come back from a datetime field as
     * midnight UTC and from HubSpot date properties as epoch milliseconds.
     */
    static boolean same(String ours, String theirs) {
        String a = ours == null || ours.isEmpty() ? null : ours;
        String b = theirs == null || theirs.isEmpty() ? null : theirs;
        if (a == null || b == null) {
            return a == b;
        }
        if (a.equals(b)) {
            return true;
        }
        if (DATE.matcher(a).matches()) {
            if (EPOCH_MILLIS.matcher(b).matches()) {
                return Instant.ofEpochMilli(Long.parseLong(b)).atZone(ZoneOffset.UTC).toLocalDate().toString().equals(a);
            }
            return b.startsWith(a + "T00:00:00");
        }
        return false;
    }
}
