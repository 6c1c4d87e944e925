package com.partnersync.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks every record modified in [from, until) through HubSpot's search API, which serves at most 10,000 results
 * per query. When a query reaches the cap the walk restarts from the last modified timestamp it saw, skipping the
 * ids already read at exactly that timestamp, so equal timestamps are neither lost nor read twice. If all 10,000
 * results of a query share one timestamp, that timestamp is drained in {@code hs_object_id} order instead (the id
 * tie-break), then the walk continues after it.
 */
public class SearchWindow {
    static final int RESULT_CAP = 10_000;
    static final String OBJECT_ID = "hs_object_id";

    private final String modifiedProperty;
    private final List<String> properties;
    private final int pageSize;
    private final Instant until;
    private Instant from;
    private boolean fromInclusive = true;
    /** Ids already read whose modified timestamp equals {@link #from}. */
    private Set<String> seenAtFrom = new HashSet<>();
    private boolean drainingTie;
    /** While draining a tie: the largest id read, and the id the current drain query starts after. */
    private long drainMaxId = -1;
    private long drainAfterId = -1;
    private String after;
    private Instant lastSeen;
    private Set<String> seenAtLast = new HashSet<>();
    private boolean done;
    private int restarts;

    public SearchWindow(String modifiedProperty, List<String> properties, int pageSize, Instant from, Instant until) {
        this.modifiedProperty = modifiedProperty;
        this.properties = properties;
        this.pageSize = pageSize;
        this.from = from;
        this.until = until;
    }

    public boolean done() {
        return done;
    }

    /** Queries restarted because one reached the 10,000-result cap. */
    public int restarts() {
        return restarts;
    }

    /** The body of the next {@code POST /crm/v3/objects/<type>/search}. */
    public Map<String, Object> nextRequest() {
        List<Map<String, Object>> filters = new ArrayList<>();
        String sortBy;
        if (drainingTie) {
            filters.add(filter(modifiedProperty, "EQ", from));
            if (drainAfterId >= 0) {
                filters.add(Map.of("propertyName", OBJECT_ID, "operator", "GT", "value", String.valueOf(drainAfterId)));
            }
            sortBy = OBJECT_ID;
        } else {
            filters.add(filter(modifiedProperty, fromInclusive ? "GTE" : "GT", from));
            filters.add(filter(modifiedProperty, "LT", until));
            sortBy = modifiedProperty;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filterGroups", List.of(Map.of("filters", filters)));
        body.put("sorts", List.of(Map.of("propertyName", sortBy, "direction", "ASCENDING")));
        body.put("properties", properties);
        body.put("limit", pageSize);
        if (after != null) {
            body.put("after", after);
        }
        return body;
    }

    private static Map<String, Object> filter(String property, String operator, Instant value) {
        return Map.of("propertyName", property, "operator", operator, "value", String.valueOf(value.toEpochMilli()));
    }

    /**
     * Takes the answer to {@link #nextRequest()} and returns the records not read before in this walk.
     *
     * @param modifiedAt the record's modified timestamp (see {@link HubSpotRecords#modifiedAt})
     */
    public List<ObjectNode> accept(HubSpotObjects.Page page, Function<ObjectNode, Instant> modifiedAt) {
        List<ObjectNode> fresh = new ArrayList<>();
        for (ObjectNode record : page.results()) {
            String id = record.path("id").asText();
            Instant modified = modifiedAt.apply(record);
            if (drainingTie) {
                drainMaxId = Math.max(drainMaxId, Long.parseLong(id));
            }
            if (modified.equals(from) && !seenAtFrom.add(id)) {
                continue;
            }
            if (lastSeen == null || modified.isAfter(lastSeen)) {
                lastSeen = modified;
                seenAtLast = new HashSet<>();
            }
            if (modified.equals(lastSeen)) {
                seenAtLast.add(id);
            }
            fresh.add(record);
        }
        advance(page.after());
        return fresh;
    }

    private void advance(String next) {
        if (next == null) {
            if (drainingTie) {
                // the tied timestamp is drained: carry on strictly after it
                drainingTie = false;
                drainAfterId = -1;
                fromInclusive = false;
                seenAtFrom = new HashSet<>();
                after = null;
            } else {
                done = true;
            }
            return;
        }
        if (Long.parseLong(next) + pageSize <= RESULT_CAP) {
            after = next;
            return;
        }
        restarts++;
        after = null;
        if (drainingTie) {
            drainAfterId = drainMaxId;
            return;
        }
        if (lastSeen.equals(from)) {
            drainingTie = true;
        } else {
            from = lastSeen;
            fromInclusive = true;
            seenAtFrom = seenAtLast;
        }
    }
}
