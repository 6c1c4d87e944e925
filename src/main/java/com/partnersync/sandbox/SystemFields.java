package com.partnersync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The system fields each CRM puts on every record, and the CRMs' date/time formats. */
final class SystemFields {
    private static final DateTimeFormatter SALESFORCE_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HUBSPOT_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SystemFields() {
    }

    static SandboxRecord render(Crm crm, String object, String id, Instant createdAt, Instant modifiedAt, boolean deleted,
                                Map<String, Object> fields) {
        Map<String, Object> all = new LinkedHashMap<>();
        if (crm == Crm.SALESFORCE) {
            all.put("Id", id);
            all.putAll(fields);
            all.put("CreatedDate", salesforceDateTime(createdAt));
            all.put("LastModifiedDate", salesforceDateTime(modifiedAt));
            all.put("SystemModstamp", salesforceDateTime(modifiedAt));
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
        return SALESFORCE_DATETIME.format(instant);
    }

    /** {@code 2026-03-01T10:00:00.000Z}, as HubSpot CRM v3 writes datetime properties. */
    static String hubspotDateTime(Instant instant) {
        return HUBSPOT_DATETIME.format(instant);
    }

    static String date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
