package com.partnersync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** The system fields each CRM puts on every record, and the CRMs' date/time formats. */
final class SystemFields {
    /** Initial map capacity for one record's fields: no rehashing on the paging hot path. */
    static final int FIELD_CAPACITY = 64;

    private SystemFields() {
    }

    static SandboxRecord render(Crm crm, String object, String id, Instant createdAt, Instant modifiedAt, boolean deleted,
                                Map<String, Object> fields) {
        Map<String, Object> all = new LinkedHashMap<>(FIELD_CAPACITY);
        if (crm == Crm.SALESFORCE) {
            all.put("Id", id);
            all.putAll(fields);
            String modified = salesforceDateTime(modifiedAt);
            all.put("CreatedDate", salesforceDateTime(createdAt));
            all.put("LastModifiedDate", modified);
            all.put("SystemModstamp", modified);
            all.put("IsDeleted", deleted);
        } else {
            all.putAll(fields);
            all.put("hs_object_id", id);
            all.put("createdate", hubspotDateTime(createdAt));
            all.put(object.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate", hubspotDateTime(modifiedAt));
        }
        return new SandboxRecord(id, createdAt, modifiedAt, deleted, all);
    }

    /** {@code 2026-03-01T10:00:00.000+0000}, as the Salesforce REST API writes datetimes. */
    static String salesforceDateTime(Instant instant) {
        return dateTime(instant).append("+0000").toString();
    }

    /** {@code 2026-03-01T10:00:00.000Z}, as HubSpot CRM v3 writes datetime properties. */
    static String hubspotDateTime(Instant instant) {
        return dateTime(instant).append('Z').toString();
    }

    // by hand rather than with a DateTimeFormatter: formatting dominated generating a record
    private static StringBuilder dateTime(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(28).append(t.getYear()).append('-');
        pad(text, t.getMonthValue(), 2).append('-');
        pad(text, t.getDayOfMonth(), 2).append('T');
        pad(text, t.getHour(), 2).append(':');
        pad(text, t.getMinute(), 2).append(':');
        pad(text, t.getSecond(), 2).append('.');
        return pad(text, t.getNano() / 1_000_000, 3);
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
            if (value < limit) {
                text.append('0');
            }
        }
        return text.append(value);
    }

    static String date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
