package com.partnersync.sandbox.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.Cursor;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxError;
import com.partnersync.sandbox.SandboxRecord;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HubSpot's CRM API over the sandbox dataset's HubSpot objects, as a WireMock response transformer: the v3 objects list
 * (also archived), search (filters on the modified property and hs_object_id, one sort, {@code after} offsets,
 * {@code total}, and the 10,000-result cap answered with HubSpot's 400), v3 batch read, v4 associations batch read,
 * and v3 batch update with per-record errors (207). It enforces the burst limit over a rolling interval and the search API's
 * per-second limit with 429s, and sends the X-HubSpot-RateLimit headers on every answer.
 */
public class HubSpotSimulatorTransformer implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "hubspot-simulator";
    private static final Pattern LIST = Pattern.compile("/crm/v3/objects/(\\w+)");
    private static final Pattern SEARCH = Pattern.compile("/crm/v3/objects/(\\w+)/search");
    private static final Pattern BATCH_UPDATE = Pattern.compile("/crm/v3/objects/(\\w+)/batch/update");
    private static final Pattern BATCH_READ = Pattern.compile("/crm/v3/objects/(\\w+)/batch/read");
    private static final Pattern ASSOCIATIONS = Pattern.compile("/crm/v4/associations/(\\w+)/(\\w+)/batch/read");
    /** HubSpot's search answers at most 10,000 results per query; paging past them is a 400. */
    private static final int SEARCH_RESULT_CAP = 10_000;
    private static final String OBJECT_ID = "hs_object_id";
    private static final int MAX_SEARCH_LIMIT = 200;
    private static final int MAX_LIST_LIMIT = 100;
    private static final int MAX_ASSOCIATION_INPUTS = 1000;
    private static final int MAX_BATCH_UPDATE_INPUTS = 100;
    private static final int SCAN_CHUNK = 2000;
    private static final long QUERY_CACHE_MILLIS = 3000;

    private final SandboxDataset data;
    private final Limits limits;
    private final ObjectMapper json = new ObjectMapper();
    private final Deque<Long> recentRequests = new ArrayDeque<>();
    private final Deque<Long> recentSearches = new ArrayDeque<>();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private long dailyUsed;
    private String lastQueryKey;
    private List<SandboxRecord> lastQueryResult;
    private long lastQueryAt;

    /** The account's limits: burst requests per rolling interval, searches per second, calls per day. */
    public record Limits(int requestsPerInterval, long intervalMillis, int searchesPerSecond, long daily) {
        public static final Limits PRIVATE_APP_PRO = new Limits(190, 10_000, 5, 625_000);
    }

    public HubSpotSimulatorTransformer(SandboxDataset data, Limits limits) {
        this.data = data;
        this.limits = limits;
    }

    /** Requests answered (rate-limited ones excluded) and 429s sent. */
    public long served() {
        return served.get();
    }

    public long rejected() {
        return rejected.get();
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** Only the stubs that name this transformer: the Salesforce simulator shares the sandbox server. */
    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        URI uri = URI.create(request.getUrl());
        String path = uri.getPath();
        boolean search = SEARCH.matcher(path).matches();
        Answer answer = admit(search);
        if (answer == null) {
            try {
                answer = handle(request.getMethod().getName(), path, query(uri), request.getBodyAsString());
            } catch (BadRequest e) {
                answer = error(400, e.getMessage(), "VALIDATION_ERROR", null);
            } catch (JsonProcessingException e) {
                answer = error(400, "Invalid input JSON: " + e.getOriginalMessage(), "VALIDATION_ERROR", null);
            }
        }
        return answer.toResponse(rateHeaders());
    }

    /** @return a 429 when the request exceeds a limit, else null (and the request is counted) */
    private synchronized Answer admit(boolean search) {
        long now = System.currentTimeMillis();
        while (!recentRequests.isEmpty() && recentRequests.peekFirst() <= now - limits.intervalMillis()) {
            recentRequests.removeFirst();
        }
        while (!recentSearches.isEmpty() && recentSearches.peekFirst() <= now - 1000) {
            recentSearches.removeFirst();
        }
        if (dailyUsed >= limits.daily()) {
            rejected.incrementAndGet();
            return error(429, "You have reached your daily limit.", "RATE_LIMITS", "DAILY");
        }
        if (recentRequests.size() >= limits.requestsPerInterval()
                || (search && recentSearches.size() >= limits.searchesPerSecond())) {
            rejected.incrementAndGet();
            return error(429, "You have reached your secondly limit.", "RATE_LIMITS", "TEN_SECONDLY_ROLLING");
        }
        recentRequests.addLast(now);
        if (search) {
            recentSearches.addLast(now);
        }
        dailyUsed++;
        served.incrementAndGet();
        return null;
    }

    private synchronized HttpHeaders rateHeaders() {
        return new HttpHeaders(
                new HttpHeader("X-HubSpot-RateLimit-Max", String.valueOf(limits.requestsPerInterval())),
                new HttpHeader("X-HubSpot-RateLimit-Remaining",
                        String.valueOf(Math.max(0, limits.requestsPerInterval() - recentRequests.size()))),
                new HttpHeader("X-HubSpot-RateLimit-Interval-Milliseconds", String.valueOf(limits.intervalMillis())),
                new HttpHeader("X-HubSpot-RateLimit-Daily", String.valueOf(limits.daily())),
                new HttpHeader("X-HubSpot-RateLimit-Daily-Remaining", String.valueOf(Math.max(0, limits.daily() - dailyUsed))),
                new HttpHeader("Content-Type", "application/json;charset=utf-8"),
                new HttpHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(data.now().atZone(ZoneOffset.UTC))));
    }

    private Answer handle(String method, String path, Map<String, String> query, String body) throws JsonProcessingException {
        Matcher m;
        if (method.equals("POST") && (m = SEARCH.matcher(path)).matches()) {
            return search(m.group(1), json.readTree(body));
        }
        if (method.equals("POST") && (m = BATCH_UPDATE.matcher(path)).matches()) {
            return batchUpdate(m.group(1), json.readTree(body));
        }
        if (method.equals("POST") && (m = BATCH_READ.matcher(path)).matches()) {
            return batchRead(m.group(1), json.readTree(body), Boolean.parseBoolean(query.getOrDefault("archived", "false")));
        }
        if (method.equals("POST") && (m = ASSOCIATIONS.matcher(path)).matches()) {
            return associations(m.group(1), m.group(2), json.readTree(body));
        }
        if (method.equals("GET") && (m = LIST.matcher(path)).matches()) {
            return list(m.group(1), query);
        }
        return error(404, "No route for " + method + " " + path, "OBJECT_NOT_FOUND", null);
    }

    private Answer list(String object, Map<String, String> query) {
        int limit = Math.min(MAX_LIST_LIMIT, Integer.parseInt(query.getOrDefault("limit", "10")));
        boolean archived = Boolean.parseBoolean(query.getOrDefault("archived", "false"));
        List<String> properties = query.containsKey("properties")
                ? Arrays.asList(query.get("properties").split(",")) : List.of();
        Cursor after = query.containsKey("after") ? decodeListCursor(query.get("after")) : null;
        List<SandboxRecord> page = new ArrayList<>(limit + 1);
        Cursor cursor = after;
        while (page.size() <= limit) {
            // live records come straight from the dataset; archived ones are picked out of all records
            int chunkSize = archived ? SCAN_CHUNK : limit + 1;
            List<SandboxRecord> chunk = data.pageAfter(Crm.HUBSPOT, object, cursor, null, null, chunkSize, archived);
            for (SandboxRecord r : chunk) {
                if (r.deleted() == archived && page.size() <= limit) {
                    page.add(r);
                }
            }
            if (chunk.size() < chunkSize) {
                break;
            }
            SandboxRecord last = chunk.get(chunk.size() - 1);
            cursor = new Cursor(last.modifiedAt(), last.id());
        }
        ObjectNode response = json.createObjectNode();
        ArrayNode results = response.putArray("results");
        page.stream().limit(limit).forEach(r -> results.add(object(object, r, properties)));
        if (page.size() > limit) {
            SandboxRecord last = page.get(limit - 1);
            String token = last.modifiedAt().toEpochMilli() + "-" + last.id();
            ObjectNode next = response.putObject("paging").putObject("next");
            next.put("after", token);
            next.put("link", "/crm/v3/objects/" + object + "?after=" + token);
        }
        return new Answer(200, response);
    }

    private static Cursor decodeListCursor(String token) {
        int dash = token.indexOf('-');
        if (dash < 0) {
            throw new BadRequest("Invalid paging cursor: " + token);
        }
        return new Cursor(Instant.ofEpochMilli(Long.parseLong(token.substring(0, dash))),
                token.substring(dash + 1));
    }

    private Answer search(String object, JsonNode body) {
        int limit = body.path("limit").asInt(10);
        if (limit > MAX_SEARCH_LIMIT) {
            throw new BadRequest("limit must be at most " + MAX_SEARCH_LIMIT);
        }
        int offset = body.hasNonNull("after") ? Integer.parseInt(body.get("after").asText()) : 0;
        if (offset >= SEARCH_RESULT_CAP) {
            throw new BadRequest("Cannot page beyond " + SEARCH_RESULT_CAP + " results (after=" + offset + ")");
        }
        String modifiedProperty = modifiedProperty(object);
        List<List<Condition>> groups = new ArrayList<>();
        for (JsonNode group : body.path("filterGroups")) {
            List<Condition> conditions = new ArrayList<>();
            for (JsonNode filter : group.path("filters")) {
                conditions.add(new Condition(filter.path("propertyName").asText(), filter.path("operator").asText(),
                        filter.path("value").asText(), modifiedProperty));
            }
            groups.add(conditions);
        }
        Instant since = bound(groups, true);
        Instant before = bound(groups, false);
        Predicate<SandboxRecord> matches = r -> groups.isEmpty()
                || groups.stream().anyMatch(g -> g.stream().allMatch(c -> c.test(r)));
        String queryKey = object + body.path("filterGroups") + body.path("sorts");
        List<SandboxRecord> found = recentQuery(queryKey);
        if (found != null) {
            return searchPage(object, body, found, offset, limit);
        }
        found = new ArrayList<>();
        Cursor cursor = null;
        while (true) {
            List<SandboxRecord> chunk = data.pageAfter(Crm.HUBSPOT, object, cursor, since, before, SCAN_CHUNK, false);
            chunk.stream().filter(matches).forEach(found::add);
            if (chunk.size() < SCAN_CHUNK) {
                break;
            }
            SandboxRecord last = chunk.get(chunk.size() - 1);
            cursor = new Cursor(last.modifiedAt(), last.id());
        }
        JsonNode sort = body.path("sorts").path(0);
        if (sort.path("propertyName").asText().equals(OBJECT_ID)) {
            found.sort(Comparator.comparing((SandboxRecord r) -> Long.parseLong(r.id())));
        }
        if (sort.path("direction").asText().equals("DESCENDING")) {
            java.util.Collections.reverse(found);
        }
        remember(queryKey, found);
        return searchPage(object, body, found, offset, limit);
    }

    /**
     * The result list of a query asked again within a few seconds (its next pages): served from memory, as HubSpot's
     * search index also lags writes by a few seconds, instead of re-scanning the dataset for every page.
     */
    private synchronized List<SandboxRecord> recentQuery(String key) {
        return key.equals(lastQueryKey) && System.currentTimeMillis() - lastQueryAt < QUERY_CACHE_MILLIS ? lastQueryResult : null;
    }

    private synchronized void remember(String key, List<SandboxRecord> result) {
        lastQueryKey = key;
        lastQueryResult = result;
        lastQueryAt = System.currentTimeMillis();
    }

    private Answer searchPage(String object, JsonNode body, List<SandboxRecord> found, int offset, int limit) {
        List<String> properties = new ArrayList<>();
        body.path("properties").forEach(p -> properties.add(p.asText()));
        ObjectNode response = json.createObjectNode();
        response.put("total", found.size());
        ArrayNode results = response.putArray("results");
        found.stream().skip(offset).limit(limit).forEach(r -> results.add(object(object, r, properties)));
        if (offset + limit < found.size()) {
            ObjectNode next = response.putObject("paging").putObject("next");
            next.put("after", String.valueOf(offset + limit));
        }
        return new Answer(200, response);
    }

    /** The narrowest modified-time range every filter group stays within, so the scan reads only that range. */
    private static Instant bound(List<List<Condition>> groups, boolean lower) {
        Instant widest = null;
        for (List<Condition> group : groups) {
            Instant narrowest = null;
            for (Condition c : group) {
                Instant b = lower ? c.lowerBound() : c.upperBound();
                if (b != null && (narrowest == null || (lower ? b.isAfter(narrowest) : b.isBefore(narrowest)))) {
                    narrowest = b;
                }
            }
            if (narrowest == null) {
                return null;
            }
            if (widest == null || (lower ? narrowest.isBefore(widest) : narrowest.isAfter(widest))) {
                widest = narrowest;
            }
        }
        return widest;
    }

    /** One search filter; only the modified property and hs_object_id are searchable in the simulator. */
    private record Condition(String property, String operator, String value, String modifiedProperty) {
        Condition {
            if (!property.equals(modifiedProperty) && !property.equals(OBJECT_ID)) {
                throw new BadRequest("The simulator cannot filter on property " + property);
            }
            if (!Set.of("EQ", "GT", "GTE", "LT", "LTE").contains(operator)) {
                throw new BadRequest("Unsupported operator " + operator);
            }
        }

        boolean test(SandboxRecord r) {
            int cmp = property.equals(modifiedProperty)
                    ? Long.compare(r.modifiedAt().toEpochMilli(), millis(value))
                    : Long.compare(Long.parseLong(r.id()), Long.parseLong(value));
            return switch (operator) {
                case "EQ" -> cmp == 0;
                case "GT" -> cmp > 0;
                case "GTE" -> cmp >= 0;
                case "LT" -> cmp < 0;
                default -> cmp <= 0;
            };
        }

        Instant lowerBound() {
            if (!property.equals(modifiedProperty)) {
                return null;
            }
            return switch (operator) {
                case "EQ", "GTE" -> Instant.ofEpochMilli(millis(value));
                case "GT" -> Instant.ofEpochMilli(millis(value) + 1);
                default -> null;
            };
        }

        Instant upperBound() {
            if (!property.equals(modifiedProperty)) {
                return null;
            }
            return switch (operator) {
                case "EQ", "LTE" -> Instant.ofEpochMilli(millis(value) + 1);
                case "LT" -> Instant.ofEpochMilli(millis(value));
                default -> null;
            };
        }

        /** HubSpot takes dates as epoch milliseconds or ISO 8601. */
        private static long millis(String value) {
            return value.chars().allMatch(Character::isDigit) ? Long.parseLong(value) : Instant.parse(value).toEpochMilli();
        }
    }

    /**
     * v4 batch read: one result per input that has associations; an input with none is an error of the batch (HubSpot
     * answers such a partial batch with 207 Multi-Status, {@code errors} and {@code numErrors}).
     */
    private Answer associations(String fromObject, String toObject, JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (inputs.size() > MAX_ASSOCIATION_INPUTS) {
            throw new BadRequest("Batch read is limited to " + MAX_ASSOCIATION_INPUTS + " inputs");
        }
        List<Integer> typeIds = associationTypes(fromObject, toObject);
        ObjectNode response = batchEnvelope();
        ArrayNode results = response.putArray("results");
        ArrayNode errors = json.createArrayNode();
        for (JsonNode input : inputs) {
            String id = input.path("id").asText();
            List<String> to = data.associations(fromObject, id, toObject);
            if (to.isEmpty()) {
                ObjectNode error = errors.addObject();
                error.put("status", "error").put("category", "OBJECT_NOT_FOUND")
                        .put("subCategory", "crm.associations.NO_ASSOCIATIONS_FOUND")
                        .put("message", "No " + toObject + " is associated with " + fromObject + " " + id + ".");
                error.putObject("context").putArray("fromObjectId").add(id);
                continue;
            }
            ObjectNode result = results.addObject();
            result.putObject("from").put("id", id);
            ArrayNode list = result.putArray("to");
            for (int i = 0; i < to.size(); i++) {
                ObjectNode target = list.addObject();
                target.put("toObjectId", Long.parseLong(to.get(i)));
                ArrayNode types = target.putArray("associationTypes");
                if (i == 0 && typeIds.size() > 1) {
                    types.addObject().put("category", "HUBSPOT_DEFINED").put("typeId", typeIds.get(1)).put("label", "Primary");
                }
                types.addObject().put("category", "HUBSPOT_DEFINED").put("typeId", typeIds.get(0)).putNull("label");
            }
        }
        if (!errors.isEmpty()) {
            response.set("errors", errors);
            response.put("numErrors", errors.size());
            return new Answer(207, response);
        }
        return new Answer(200, response);
    }

    /**
     * HubSpot-defined association type ids (HubSpot's association type table): the unlabeled type, then the primary
     * one where the pair has one.
     */
    private static List<Integer> associationTypes(String from, String to) {
        return switch (from + "/" + to) {
            case "deals/companies" -> List.of(341, 5);
            case "deals/contacts" -> List.of(3);
            case "contacts/companies" -> List.of(279, 1);
            case "calls/contacts" -> List.of(194);
            case "calls/companies" -> List.of(182);
            case "calls/deals" -> List.of(206);
            case "meetings/contacts" -> List.of(200);
            case "meetings/companies" -> List.of(188);
            case "meetings/deals" -> List.of(212);
            default -> throw new BadRequest("The simulator has no association type from " + from + " to " + to);
        };
    }

    private Answer batchUpdate(String object, JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (inputs.size() > MAX_BATCH_UPDATE_INPUTS) {
            throw new BadRequest("Batch update is limited to " + MAX_BATCH_UPDATE_INPUTS + " inputs");
        }
        ObjectNode response = batchEnvelope();
        ArrayNode results = response.putArray("results");
        ArrayNode errors = json.createArrayNode();
        for (JsonNode input : inputs) {
            String id = input.path("id").asText();
            Optional<SandboxError> failure = data.writeFailure(Crm.HUBSPOT, object, id);
            if (failure.isPresent()) {
                ObjectNode error = errors.addObject();
                error.put("status", "error").put("category", failure.get().errorCode()).put("message", failure.get().message());
                error.putObject("context").putArray("ids").add(id);
                continue;
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            input.path("properties").fields().forEachRemaining(e ->
                    changes.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
            try {
                data.update(Crm.HUBSPOT, object, id, changes);
            } catch (java.util.NoSuchElementException e) {
                ObjectNode error = errors.addObject();
                error.put("status", "error").put("category", "OBJECT_NOT_FOUND").put("message", e.getMessage());
                error.putObject("context").putArray("ids").add(id);
                continue;
            }
            ObjectNode result = results.addObject();
            result.put("id", id);
            ObjectNode props = result.putObject("properties");
            changes.forEach((k, v) -> props.put(k, v == null ? null : v.toString()));
            result.put("updatedAt", Instant.now().toString());
            result.put("archived", false);
        }
        if (!errors.isEmpty()) {
            response.set("errors", errors);
            response.put("numErrors", errors.size());
            return new Answer(207, response);
        }
        return new Answer(200, response);
    }

    /**
     * {@code POST /crm/v3/objects/<type>/batch/read}: up to 100 ids, the named properties; an id the account does not
     * have (or has archived, unless {@code archived=true}) is a 207 with an OBJECT_NOT_FOUND error naming it.
     */
    private Answer batchRead(String object, JsonNode body, boolean archived) {
        JsonNode inputs = body.path("inputs");
        if (inputs.size() > MAX_BATCH_UPDATE_INPUTS) {
            throw new BadRequest("Batch read is limited to " + MAX_BATCH_UPDATE_INPUTS + " inputs");
        }
        List<String> properties = new ArrayList<>();
        body.path("properties").forEach(p -> properties.add(p.asText()));
        ObjectNode response = batchEnvelope();
        ArrayNode results = response.putArray("results");
        List<String> missing = new ArrayList<>();
        for (JsonNode input : inputs) {
            String id = input.path("id").asText();
            Optional<SandboxRecord> found = data.record(Crm.HUBSPOT, object, id).filter(r -> r.deleted() == archived);
            if (found.isPresent()) {
                results.add(object(object, found.get(), properties));
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return new Answer(200, response);
        }
        ObjectNode error = response.putArray("errors").addObject();
        error.put("status", "error").put("category", "OBJECT_NOT_FOUND")
                .put("message", "Could not get some " + object + " objects, they may be deleted or not exist. Check "
                        + "that ids are valid.");
        ArrayNode ids = error.putObject("context").putArray("ids");
        missing.forEach(ids::add);
        response.put("numErrors", 1);
        return new Answer(207, response);
    }

    private ObjectNode batchEnvelope() {
        ObjectNode response = json.createObjectNode();
        String now = Instant.now().toString();
        response.put("status", "COMPLETE").put("startedAt", now).put("completedAt", now);
        return response;
    }

    /** HubSpot names the last-modified property of contacts differently from every other object's. */
    private static String modifiedProperty(String object) {
        return object.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate";
    }

    private ObjectNode object(String object, SandboxRecord r, List<String> properties) {
        ObjectNode node = json.createObjectNode();
        node.put("id", r.id());
        ObjectNode props = node.putObject("properties");
        props.put("hs_object_id", r.id());
        props.put("createdate", r.createdAt().toString());
        props.put(modifiedProperty(object), r.modifiedAt().toString());
        for (String p : properties) {
            Object value = r.fields().get(p);
            props.put(p, value == null ? null : value.toString());
        }
        node.put("createdAt", r.createdAt().toString());
        node.put("updatedAt", r.modifiedAt().toString());
        node.put("archived", r.deleted());
        if (r.deleted()) {
            node.put("archivedAt", r.modifiedAt().toString());
        }
        return node;
    }

    private Answer error(int status, String message, String category, String policyName) {
        ObjectNode body = json.createObjectNode();
        body.put("status", "error").put("message", message).put("correlationId", UUID.randomUUID().toString())
                .put("category", category);
        if (policyName != null) {
            body.put("errorType", "RATE_LIMIT").put("policyName", policyName);
        }
        return new Answer(status, body);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private record Answer(int status, JsonNode body) {
        ResponseDefinition toResponse(HttpHeaders headers) {
            return WireMock.aResponse().withStatus(status).withHeaders(headers).withBody(body.toString()).build();
        }
    }

    /** A request HubSpot would refuse with 400 VALIDATION_ERROR. */
    private static class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
