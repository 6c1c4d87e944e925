package com.partnersync.writeback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** SQL over writeback_outbox and writeback_field_state. Callers hold the transaction. */
class WritebackOutbox {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A queued record with what the warehouse knows about it. */
    record Candidate(long outboxId, String sourceId, boolean present, boolean deleted, JsonNode raw, Instant syncedAt,
                     Map<String, String> values) {
    }

    /** What we last wrote to one CRM field. */
    record Written(String value, Instant writtenAt) {
    }

    /** An entry sent whose CRM answer was never recorded (the process died or lost the response). */
    record InFlight(long outboxId, String target, String sourceSystem, String crmObject, String sourceId,
                    Map<String, String> payload) {
    }

    private final JdbcTemplate jdbc;

    WritebackOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Pending entries of one mapping after {@code afterId}, with the record's raw JSON and the values to write.
     *
     * @param claim lock the entries (skipping those another drain holds) and only take those due for a retry
     */
    List<Candidate> pending(WritebackMapping mapping, long afterId, int limit, boolean claim) {
        String target = identifier(mapping.target());
        List<String> columns = new ArrayList<>(mapping.fields().keySet());
        StringBuilder sql = new StringBuilder("select o.id, o.source_id, t.id is not null as present, coalesce(t.deleted, false) as deleted, t.raw::text as raw, t.synced_at");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(", v.").append(identifier(columns.get(i))).append("::text as v").append(i);
        }
        sql.append(" from writeback_outbox o left join ").append(target)
                .append(" t on t.source_system = o.source_system and t.source_id = o.source_id left join writeback_values_")
                .append(target).append(" v on v.source_system = o.source_system and v.source_id = o.source_id")
                .append(" where o.status = 'PENDING' and o.target = ? and o.source_system = ? and o.id > ?");
        List<Object> args = new ArrayList<>(List.of(mapping.target(), mapping.sourceSystem(), afterId));
        mapping.rowFilter().forEach((column, value) -> {
            sql.append(" and (t.id is null or t.").append(identifier(column)).append("::text = ?)");
            args.add(value);
        });
        if (claim) {
            sql.append(" and o.next_attempt_at <= now()");
        }
        sql.append(" order by o.id limit ?");
        args.add(limit);
        if (claim) {
            sql.append(" for update of o skip locked");
        }
        return jdbc.query(sql.toString(), (rs, n) -> {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i), rs.getString("v" + i));
            }
            Timestamp synced = rs.getTimestamp("synced_at");
            return new Candidate(rs.getLong("id"), rs.getString("source_id"), rs.getBoolean("present"),
                    rs.getBoolean("deleted"), parse(rs.getString("raw")), synced == null ? null : synced.toInstant(), values);
        }, args.toArray());
    }

    /** source id -> CRM field -> what we last wrote there. */
    Map<String, Map<String, Written>> written(WritebackMapping mapping, List<String> sourceIds) {
        Map<String, Map<String, Written>> written = new HashMap<>();
        jdbc.query("""
                        select source_id, crm_field, value, written_at from writeback_field_state
                        where source_system = ? and crm_object = ? and source_id = any (?)""",
                rs -> {
                    written.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getString(2), new Written(rs.getString(3), rs.getTimestamp(4).toInstant()));
                },
                mapping.sourceSystem(), mapping.crmObject(), sourceIds.toArray(String[]::new));
        return written;
    }

    void finish(List<Long> ids, String status, String message) {
        if (!ids.isEmpty()) {
            jdbc.update("update writeback_outbox set status = ?, finished_at = now(), error_message = ? where id = any (?)",
                    status, message, ids.toArray(Long[]::new));
        }
    }

    // one statement per batch (arrays unnested server-side) instead of a round trip per record and field
    void markSending(WritebackMapping mapping, List<RecordChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        jdbc.update("""
                        update writeback_outbox o set status = 'SENDING', crm_object = ?, payload = u.payload::jsonb,
                            sending_at = now(), attempts = o.attempts + 1
                        from unnest(?::bigint[], ?::text[]) as u(id, payload) where o.id = u.id""",
                mapping.crmObject(), changes.stream().map(RecordChange::outboxId).toArray(Long[]::new),
                changes.stream().map(c -> json(c.values())).toArray(String[]::new));
    }

    /** The CRM confirmed these records: close their entries and remember what each field now holds. */
    void markWritten(String sourceSystem, String crmObject, List<RecordChange> written) {
        if (written.isEmpty()) {
            return;
        }
        jdbc.update("""
                        update writeback_outbox set status = 'SENT', finished_at = now(), error_code = null,
                            error_message = null, error_fields = null where id = any (?)""",
                (Object) written.stream().map(RecordChange::outboxId).toArray(Long[]::new));
        List<String[]> fields = written.stream()
                .flatMap(c -> c.values().entrySet().stream().map(e -> new String[]{c.sourceId(), e.getKey(), e.getValue(), Long.toString(c.outboxId())}))
                .toList();
        jdbc.update("""
                        insert into writeback_field_state (source_system, crm_object, source_id, crm_field, value, written_at, outbox_id)
                        select ?, ?, u.source_id, u.crm_field, u.value, now(), u.outbox_id::bigint
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as u(source_id, crm_field, value, outbox_id)
                        on conflict (source_system, crm_object, source_id, crm_field)
                        do update set value = excluded.value, written_at = excluded.written_at, outbox_id = excluded.outbox_id""",
                sourceSystem, crmObject, column(fields, 0), column(fields, 1), column(fields, 2), column(fields, 3));
    }

    private static String[] column(List<String[]> rows, int index) {
        return rows.stream().map(r -> r[index]).toArray(String[]::new);
    }

    void markFailed(long outboxId, RecordResult result) {
        jdbc.update("""
                        update writeback_outbox set status = 'FAILED', finished_at = now(), error_code = ?, error_message = ?,
                            error_fields = ? where id = ?""",
                result.code(), result.message(), result.fields().toArray(String[]::new), outboxId);
    }

    /**
     * Back in the queue after {@code delay}; when the record was queued again meanwhile, that newer entry carries the
     * latest values and this one is retired. {@code uncountedSend} gives back the attempt of a send that never
     * reached the CRM.
     */
    void requeue(long outboxId, Duration delay, RecordResult cause, boolean uncountedSend) {
        jdbc.update("""
                        update writeback_outbox o set
                            status = case when exists (select 1 from writeback_outbox p where p.status = 'PENDING'
                                and p.target = o.target and p.source_system = o.source_system and p.source_id = o.source_id)
                                then 'SUPERSEDED' else 'PENDING' end,
                            next_attempt_at = now() + ? * interval '1 millisecond',
                            attempts = attempts - ?,
                            error_code = ?, error_message = ?, error_fields = ?
                        where id = ?""",
                delay.toMillis(), uncountedSend ? 1 : 0, cause == null ? null : cause.code(), cause == null ? null : cause.message(),
                cause == null ? null : cause.fields().toArray(String[]::new), outboxId);
    }

    int attempts(long outboxId) {
        return jdbc.queryForObject("select attempts from writeback_outbox where id = ?", Integer.class, outboxId);
    }

    List<InFlight> inFlight() {
        return jdbc.query("""
                        select id, target, source_system, crm_object, source_id, payload::text from writeback_outbox
                        where status = 'SENDING' order by id""",
                (rs, n) -> {
                    Map<String, String> payload = new LinkedHashMap<>();
                    parse(rs.getString(6)).fields().forEachRemaining(e -> payload.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
                    return new InFlight(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), payload);
                });
    }

    /** Entries no mapping will ever pick up: their CRM has write-back but this table has no writeback: section there. */
    int skipUnmapped(List<String> sourceSystems, List<String> mappedTargets) {
        return jdbc.update("""
                        update writeback_outbox set status = 'SKIPPED', finished_at = now(),
                            error_message = 'no writeback mapping for ' || target || ' in ' || source_system
                        where status = 'PENDING' and source_system = any (?) and target || '/' || source_system <> all (?)""",
                sourceSystems.toArray(String[]::new), mappedTargets.toArray(String[]::new));
    }

    /** When the earliest retry among these targets is due, or null when nothing waits. */
    Instant nextRetry(List<String> mappedTargets) {
        Timestamp next = jdbc.queryForObject("""
                        select min(next_attempt_at) from writeback_outbox
                        where status = 'PENDING' and target || '/' || source_system = any (?)""",
                Timestamp.class, (Object) mappedTargets.toArray(String[]::new));
        return next == null ? null : next.toInstant();
    }

    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a model identifier: " + name);
        }
        return name;
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in the warehouse", e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
