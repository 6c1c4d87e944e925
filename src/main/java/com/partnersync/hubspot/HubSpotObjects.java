package com.partnersync.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.sync.CrmClock;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The CRM v3 objects (list, search) and v4 associations endpoints, typed: HubSpot's JSON in, pages of object JSON out.
 * Every call goes through the shared {@link HubSpotApi} session and its limits.
 */
public class HubSpotObjects {
    /** Association type ids marking the primary association (deal→company 5, contact→company 1, ...). */
    private static final Set<Integer> PRIMARY_TYPE_IDS = Set.of(1, 5, 6);

    private final HubSpotApi api;
    /** Calls per object (associations count for the object they are read for): objects sync concurrently. */
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    public HubSpotObjects(HubSpotApi api) {
        this.api = api;
    }

    /** HubSpot's clock as its answers show it. */
    public CrmClock clock() {
        return api.clock();
    }

    /** API calls made so far for an object. */
    public long calls(String object) {
        LongAdder count = calls.get(object);
        return count == null ? 0 : count.sum();
    }

    private JsonNode call(String object, String method, String path, Object body, Function<JsonNode, String> problemOf) {
        calls.computeIfAbsent(object, k -> new LongAdder()).increment();
        return api.call(method, path, body, problemOf);
    }

    /** One page: the records as HubSpot sent them, the cursor of the next page (null at the end), the search total. */
    public record Page(List<ObjectNode> results, String after, long total) {
    }

    /** {@code GET /crm/v3/objects/<type>?limit=&after=&properties=&archived=}. */
    public Page list(String object, List<String> properties, int limit, String after, boolean archived) {
        StringBuilder path = new StringBuilder("/crm/v3/objects/").append(object).append("?limit=").append(limit)
                .append("&archived=").append(archived);
        if (!properties.isEmpty()) {
            path.append("&properties=").append(encode(String.join(",", properties)));
        }
        if (after != null) {
            path.append("&after=").append(encode(after));
        }
        return page(call(object, "GET", path.toString(), null, HubSpotResponseCheck::listPage));
    }

    /**
     * {@code POST /crm/v3/objects/<type>/batch/read} for up to 100 ids. Ids HubSpot no longer has come back as a 207's
     * OBJECT_NOT_FOUND errors and are simply absent from the results.
     */
    public List<ObjectNode> batchRead(String object, List<String> properties, List<String> ids) {
        Map<String, Object> body = Map.of("properties", properties,
                "inputs", ids.stream().map(id -> Map.of("id", id)).toList());
        return page(call(object, "POST", "/crm/v3/objects/" + object + "/batch/read", body,
                HubSpotResponseCheck::batchRead)).results();
    }

    /** {@code POST /crm/v3/objects/<type>/search} with a body built by {@link SearchWindow}. */
    public Page search(String object, Map<String, Object> body) {
        return page(call(object, "POST", "/crm/v3/objects/" + object + "/search", body, HubSpotResponseCheck::searchPage));
    }

    /**
     * {@code POST /crm/v4/associations/<from>/<to>/batch/read} for up to the batch limit of ids, following each
     * record's own association paging. Primary associations come first in each list.
     */
    public Map<String, List<String>> associations(String fromObject, String toObject, List<String> ids) {
        Map<String, List<Association>> found = new LinkedHashMap<>();
        List<Map<String, String>> inputs = ids.stream().map(id -> Map.of("id", id)).toList();
        while (!inputs.isEmpty()) {
            JsonNode response = call(fromObject, "POST", "/crm/v4/associations/" + fromObject + "/" + toObject + "/batch/read",
                    Map.of("inputs", inputs), HubSpotResponseCheck::associationsBatch);
            List<Map<String, String>> more = new ArrayList<>();
            for (JsonNode result : response.path("results")) {
                String from = result.path("from").path("id").asText();
                List<Association> list = found.computeIfAbsent(from, k -> new ArrayList<>());
                for (JsonNode to : result.path("to")) {
                    boolean primary = false;
                    for (JsonNode type : to.path("associationTypes")) {
                        primary |= PRIMARY_TYPE_IDS.contains(type.path("typeId").asInt());
                    }
                    list.add(new Association(to.path("toObjectId").asText(), primary));
                }
                String next = result.path("paging").path("next").path("after").asText(null);
                if (next != null) {
                    more.add(Map.of("id", from, "after", next));
                }
            }
            inputs = more;
        }
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        found.forEach((from, list) -> ordered.put(from, list.stream()
                .sorted(Comparator.comparing(a -> !a.primary()))
                .map(Association::toId).distinct().toList()));
        return ordered;
    }

    private record Association(String toId, boolean primary) {
    }

    private static Page page(JsonNode response) {
        List<ObjectNode> results = new ArrayList<>();
        for (JsonNode result : response.path("results")) {
            results.add((ObjectNode) result);
        }
        String after = response.path("paging").path("next").path("after").asText(null);
        return new Page(results, after, response.path("total").asLong(results.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
