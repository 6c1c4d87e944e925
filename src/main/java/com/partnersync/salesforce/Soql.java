package com.partnersync.salesforce;

import com.partnersync.mapping.RecordKeys;
import com.partnersync.warehouse.Checkpoint;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the incremental SOQL for one object. Object and field names come from mapping files, yet are still checked
 * as identifiers here: SOQL has no bind variables, so anything not a plain name could change the query.
 */
public final class Soql {
    /** An API name (Account, Deal_Registration__c) or a child-to-parent path of them (Account.Owner.Email). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Always selected: the incremental key and the delete flag. */
    static final List<String> SYSTEM_FIELDS = List.of("Id", "SystemModstamp", "IsDeleted");
    /** Ids per {@code WHERE Id IN (...)} query: keeps the SOQL well under its length limit and matches Salesforce's batch of 200. */
    public static final int MAX_IDS = 200;

    private Soql() {
    }

    /**
     * @param after  read records strictly after this (SystemModstamp, Id) key; null reads everything
     * @param ordered false for Bulk API 2.0, where ORDER BY disables PK chunking
     */
    public static String incremental(String object, List<String> fields, Checkpoint after, boolean ordered) {
        StringBuilder soql = new StringBuilder("SELECT ").append(String.join(", ", selectList(fields)))
                .append(" FROM ").append(objectName(object));
        if (after != null) {
            String t = datetime(after.lastModifiedAt());
            soql.append(" WHERE ");
            if (after.lastId() == null || after.lastId().isEmpty()) {
                soql.append("SystemModstamp >= ").append(t);
            } else {
                // The composite key comparison: records sharing the checkpoint's timestamp but with a higher Id are
                // still unread. "SystemModstamp > t" alone skips them; ">= t" re-reads them forever.
                soql.append("(SystemModstamp > ").append(t).append(" OR (SystemModstamp = ").append(t)
                        .append(" AND Id > '").append(recordId(after.lastId())).append("'))");
            }
        }
        if (ordered) {
            soql.append(" ORDER BY SystemModstamp, Id");
        }
        return soql.toString();
    }

    /** Every live record's Id and nothing else: what reconciliation compares with the warehouse. */
    static String liveIds(String object) {
        return "SELECT Id FROM " + objectName(object);
    }

    /** The records with these ids (at most {@link #MAX_IDS}), for change events that name records by id. */
    public static String byIds(String object, List<String> fields, List<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("between 1 and " + MAX_IDS + " ids per query, not " + ids.size());
        }
        StringBuilder in = new StringBuilder();
        for (String id : ids) {
            in.append(in.isEmpty() ? "'" : ", '").append(recordId(id)).append('\'');
        }
        return "SELECT " + String.join(", ", selectList(fields)) + " FROM " + objectName(object) + " WHERE Id IN (" + in + ")";
    }

    static List<String> selectList(List<String> fields) {
        Set<String> names = new LinkedHashSet<>(SYSTEM_FIELDS);
        for (String field : fields) {
            names.add(fieldPath(field));
        }
        return new ArrayList<>(names);
    }

    public static String objectName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Salesforce object name: " + name);
        }
        return name;
    }

    public static String fieldPath(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("not a Salesforce field name: " + path);
        }
        for (String part : path.split("\\.", -1)) {
            if (!NAME.matcher(part).matches()) {
                throw new IllegalArgumentException("not a Salesforce field name: " + path);
            }
        }
        return path;
    }

    /** Salesforce record ids are 15 or 18 alphanumerics; anything else never reaches a WHERE clause. */
    static String recordId(String id) {
        if (!RecordKeys.isSalesforceId(id)) {
            throw new IllegalArgumentException("not a Salesforce record id: " + id);
        }
        return id;
    }

    static String datetime(Instant instant) {
        return DATETIME.format(instant);
    }
}
