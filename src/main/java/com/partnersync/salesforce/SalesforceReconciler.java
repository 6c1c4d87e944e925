package com.partnersync.salesforce;

import com.partnersync.warehouse.RunStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.partnersync.mapping.Mapping;
import com.partnersync.mapping.MappingSet;
import com.partnersync.sync.ApiLimitReachedException;
import com.partnersync.sync.CrmApiException;
import com.partnersync.sync.MalformedResponseException;
import com.partnersync.sync.ObjectSync;
import com.partnersync.sync.SourceReconciler;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.Reconciliation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Salesforce's side of reconcile: {@code getDeleted} for the window Salesforce keeps its delete log (15 days; it gives
 * purged records their deletion time), then {@code SELECT Id FROM <object>} through query (live records only) in
 * REST pages of 2,000: ⌈N/2000⌉ + 1 calls per object. Rows live in the warehouse but not in the org are purged;
 * records in the org but not in the warehouse are read by id (200 per query) and loaded.
 */
public class SalesforceReconciler implements SourceReconciler {
    private static final Logger log = LoggerFactory.getLogger(SalesforceReconciler.class);
    /** Salesforce returns getDeleted results for no more than 15 days before the call. */
    static final Duration DELETE_LOG = Duration.ofDays(15);
    static final int IDS_PER_QUERY = 200;
    private static final DateTimeFormatter GET_DELETED_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private final SalesforceClient client;
    private final ObjectSync<?, SalesforcePageReader.Page> objectSync;
    private final MappingSet mapping;
    private final Reconciliation warehouse;
    private final Clock clock;

    /** @param objectSync loads the missing records as the sync does, without a checkpoint */
    public SalesforceReconciler(SalesforceClient client, ObjectSync<?, SalesforcePageReader.Page> objectSync,
                                MappingSet mapping, Reconciliation warehouse, Clock clock) {
        this.client = client;
        this.objectSync = objectSync;
        this.mapping = mapping;
        this.warehouse = warehouse;
        this.clock = clock;
    }

    @Override
    public String sourceSystem() {
        return SalesforceRecords.SOURCE;
    }

    @Override
    public boolean configured() {
        return client.configured();
    }

    @Override
    public List<String> objects() {
        return mapping.objects(SalesforceRecords.SOURCE);
    }

    @Override
    public Result reconcile(String object, long runId) {
        long started = System.nanoTime();
        long callsBefore = client.apiCalls();
        Reconciliation.Counts counts = new Reconciliation.Counts(0, 0, 0, 0, 0);
        RunStatus status = RunStatus.SUCCEEDED;
        String message = null;
        long inserted = 0;
        try {
            List<String> tables = mapping.mappings(SalesforceRecords.SOURCE, object).stream().map(Mapping::target)
                    .distinct().toList();
            Map<String, Instant> deletedAt = deletedRecently(object);
            Set<String> live = liveIds(object);
            Set<String> stored = warehouse.liveIds(SalesforceRecords.SOURCE, tables);
            Map<String, Instant> extra = new HashMap<>();
            Instant now = clock.instant();
            stored.stream().filter(id -> !live.contains(id)).forEach(id -> extra.put(id, deletedAt.getOrDefault(id, now)));
            List<String> missing = live.stream().filter(id -> !stored.contains(id)).sorted().toList();
            int purged = warehouse.markPurged(SalesforceRecords.SOURCE, tables, extra);
            inserted = loadMissing(object, missing, runId);
            counts = new Reconciliation.Counts(live.size(), stored.size(), missing.size(), extra.size(), purged + inserted);
        } catch (ApiLimitReachedException e) {
            status = RunStatus.PAUSED_LIMIT;
            message = e.getMessage();
        } catch (CrmApiException e) {
            status = RunStatus.FAILED;
            message = e.getMessage();
            log.error("salesforce {}: reconcile failed: {}", object, message);
        }
        return new Result(new ObjectSummary(SalesforceRecords.SOURCE, object, status, counts.crmLive(), inserted, 0,
                counts.extra(), 0, client.apiCalls() - callsBefore, (System.nanoTime() - started) / 1e9, message), counts);
    }

    /** {@code GET /sobjects/<object>/deleted/?start=&end=}: ids deleted within the delete log, with their time. */
    private Map<String, Instant> deletedRecently(String object) {
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        JsonNode answer = client.call("GET", "/sobjects/" + Soql.objectName(object) + "/deleted/?start="
                + encode(GET_DELETED_TIME.format(end.minus(DELETE_LOG))) + "&end=" + encode(GET_DELETED_TIME.format(end)), null);
        if (!answer.path("deletedRecords").isArray()) {
            throw new MalformedResponseException("Salesforce getDeleted of " + object, "no deletedRecords array", 200,
                    answer.toString());
        }
        Map<String, Instant> deleted = new LinkedHashMap<>();
        for (JsonNode record : answer.path("deletedRecords")) {
            Instant at = SalesforceRecords.parseDatetime(record.path("deletedDate").asText(null));
            deleted.put(record.path("id").asText(), at == null ? clock.instant() : at);
        }
        return deleted;
    }

    /** Every live record's id: {@code SELECT Id FROM <object>} by query, following nextRecordsUrl. */
    private Set<String> liveIds(String object) {
        Set<String> ids = new HashSet<>();
        JsonNode page = client.query(Soql.liveIds(object), false);
        while (true) {
            page.path("records").forEach(r -> ids.add(r.path("Id").asText()));
            if (page.path("done").asBoolean()) {
                return ids;
            }
            page = client.queryMore(page.path("nextRecordsUrl").asText());
        }
    }

    /**
     * Reads the missing records by id and loads them like any page (no checkpoint: they are not in key order).
     *
     * @return records loaded (a record the mapping refuses is in sync_error instead)
     */
    private long loadMissing(String object, List<String> missing, long runId) {
        List<String> fields = mapping.sourceFields(SalesforceRecords.SOURCE, object);
        long loaded = 0;
        for (int from = 0; from < missing.size(); from += IDS_PER_QUERY) {
            List<String> ids = missing.subList(from, Math.min(missing.size(), from + IDS_PER_QUERY));
            SalesforceRecords.Page records = SalesforceRecords.fromJson(object,
                    client.query(Soql.byIds(object, fields, ids), false).path("records"));
            loaded += objectSync.load(runId, object,
                    new SalesforcePageReader.Page(records.records(), records.errors(), null, true));
        }
        return loaded;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
