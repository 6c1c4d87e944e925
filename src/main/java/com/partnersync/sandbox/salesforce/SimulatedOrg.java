package com.partnersync.sandbox.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.Cursor;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxError;
import com.partnersync.sandbox.SandboxRecord;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Salesforce org over a {@link SandboxDataset}, as a WireMock transformer: OAuth token grants, query/queryAll with
 * nextRecordsUrl cursors, Bulk API 2.0 query jobs with CSV results, sObject Describe, /limits, Sforce-Limit-Info and
 * Date (the dataset's clock) on every response, sObject Collections update for write-back, and (when asked) a deterministic 503 or REQUEST_LIMIT_EXCEEDED every
 * n-th data call so clients' retries can be seen working.
 */
final class SimulatedOrg implements ResponseDefinitionTransformerV2 {
    static final String NAME = "salesforce-simulator";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA_PATH = Pattern.compile("/services/data/v(\\d+\\.\\d+)(/.*)");
    private static final Pattern SALESFORCE_DATETIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
    private static final int MAX_BATCH = 2000;
    private static final Pattern DESCRIBE = Pattern.compile("/sobjects/(\\w+)/describe");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d");
    private static final int DEFAULT_BULK_ROWS = 100_000;
    private static final int MAX_COLLECTION = 200;
    private static final int KEPT_CURSORS = 1_000;

    private final SandboxDataset dataset;
    private final int faultEvery;
    private final long dailyLimit;
    private final Set<String> cdcNotSelected;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicLong tokenCount = new AtomicLong();
    private final AtomicLong apiCalls = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    /** Query cursors by locator; the oldest are dropped first, as Salesforce expires them. */
    private final Map<String, QueryCursor> cursors = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, QueryCursor> eldest) {
            return size() > KEPT_CURSORS;
        }
    });
    private final Map<String, BulkJob> jobs = new ConcurrentHashMap<>();

    private record QueryCursor(SimulatedSoql soql, boolean all, Cursor last, long served, long total, int batchSize) {
    }

    private record BulkJob(String id, SimulatedSoql soql, boolean all, String created) {
    }

    SimulatedOrg(SandboxDataset dataset, int faultEvery, long dailyLimit, Set<String> cdcNotSelected) {
        this.dataset = dataset;
        this.cdcNotSelected = Set.copyOf(cdcNotSelected);
        this.faultEvery = faultEvery;
        this.dailyLimit = dailyLimit;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = URI.create(request.getUrl()).getPath();
        if (path.equals("/services/oauth2/token") && request.getMethod().getName().equals("POST")) {
            return token(request);
        }
        Matcher data = DATA_PATH.matcher(path);
        if (!data.matches()) {
            return error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
            return error(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }
        long call = apiCalls.incrementAndGet();
        if (faultEvery > 0 && call % faultEvery == 0) {
            return (call / faultEvery) % 2 == 1
                    ? error(503, "SERVER_UNAVAILABLE", "Service temporarily unavailable")
                    : error(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.");
        }
        try {
            return route(request, request.getMethod().getName(), data.group(1), data.group(2));
        } catch (IllegalArgumentException e) {
            return error(400, "MALFORMED_QUERY", e.getMessage());
        }
    }

    private ResponseDefinition route(Request request, String method, String version, String rest) {
        if (method.equals("GET") && (rest.equals("/query") || rest.equals("/queryAll"))) {
            return firstPage(version, SimulatedSoql.parse(request.queryParameter("q").firstValue()),
                    rest.equals("/queryAll"), batchSize(request));
        }
        if (method.equals("GET") && rest.equals("/tooling/query")) {
            return channelMembers(version, request.queryParameter("q").firstValue());
        }
        if (method.equals("GET") && rest.startsWith("/query/")) {
            // A locator stays valid until it expires, so a client may fetch the same page again after a lost response.
            QueryCursor cursor = cursors.get(rest.substring("/query/".length()));
            return cursor == null
                    ? error(400, "INVALID_QUERY_LOCATOR", "invalid query locator")
                    : page(version, cursor);
        }
        if (method.equals("GET") && rest.equals("/limits")) {
            ObjectNode limits = JSON.createObjectNode();
            limits.putObject("DailyApiRequests").put("Max", dailyLimit).put("Remaining", dailyLimit - apiCalls.get());
            limits.putObject("DailyBulkV2QueryJobs").put("Max", 10_000).put("Remaining", 10_000 - jobs.size());
            return json(200, limits);
        }
        Matcher describe = DESCRIBE.matcher(rest);
        if (method.equals("GET") && describe.matches()) {
            return describe(describe.group(1));
        }
        if (method.equals("POST") && rest.equals("/jobs/query")) {
            return createJob(request);
        }
        if (method.equals("GET") && rest.startsWith("/jobs/query/")) {
            String[] parts = rest.substring("/jobs/query/".length()).split("/");
            BulkJob job = jobs.get(parts[0]);
            if (job == null) {
                return error(404, "NOT_FOUND", "The requested resource does not exist");
            }
            return parts.length > 1 && parts[1].equals("results") ? results(request, job) : json(200, jobInfo(job, "JobComplete"));
        }
        if (method.equals("PATCH") && rest.equals("/composite/sobjects")) {
            return updateCollection(request);
        }
        return error(404, "NOT_FOUND", "The requested resource does not exist");
    }

    /**
     * Tooling API {@code SELECT DeveloperName, SelectedEntity FROM PlatformEventChannelMember}: the org's Change Data
     * Capture selection on the standard channel (DeveloperName {@code ChangeEvents_<entity>}, SelectedEntity
     * {@code AccountChangeEvent}, {@code Deal_Registration__ChangeEvent}); the only Tooling query the sandbox knows.
     */
    private ResponseDefinition channelMembers(String version, String soql) {
        if (!soql.replaceAll("\\s+", " ").trim().equalsIgnoreCase("SELECT DeveloperName, SelectedEntity FROM PlatformEventChannelMember")) {
            return error(400, "MALFORMED_QUERY", "the sandbox's Tooling API answers only the PlatformEventChannelMember query");
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode records = JSON.createArrayNode();
        for (String object : dataset.objects(Crm.SALESFORCE)) {
            if (cdcNotSelected.contains(object)) {
                continue;
            }
            String entity = (object.endsWith("__c") ? object.substring(0, object.length() - 1) : object) + "ChangeEvent";
            ObjectNode member = records.addObject();
            member.putObject("attributes").put("type", "PlatformEventChannelMember")
                    .put("url", "/services/data/v" + version + "/tooling/sobjects/PlatformEventChannelMember/0v8"
                            + Long.toString(Math.abs((long) entity.hashCode()), 36));
            member.put("DeveloperName", "ChangeEvents_" + entity).put("SelectedEntity", entity);
        }
        body.put("size", records.size()).put("totalSize", records.size()).put("done", true)
                .putNull("queryLocator").put("entityTypeName", "PlatformEventChannelMember").set("records", records);
        return json(200, body);
    }

    // --- OAuth -----------------------------------------------------------------------------------------------

    private ResponseDefinition token(Request request) {
        Map<String, String> form = form(request.getBodyAsString());
        String grant = form.getOrDefault("grant_type", "");
        boolean valid = switch (grant) {
            case "password" -> present(form.get("client_id")) && present(form.get("username")) && present(form.get("password"));
            case "refresh_token" -> present(form.get("client_id")) && present(form.get("refresh_token"));
            case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> form.getOrDefault("assertion", "").split("\\.").length == 3;
            default -> false;
        };
        if (!valid) {
            ObjectNode body = JSON.createObjectNode().put("error", grant.isEmpty() || !List.of("password", "refresh_token",
                            "urn:ietf:params:oauth:grant-type:jwt-bearer").contains(grant) ? "unsupported_grant_type" : "invalid_grant")
                    .put("error_description", "authentication failure");
            return json(400, body);
        }
        String token = "00DSANDBOX000000!" + Long.toString(tokenCount.incrementAndGet(), 36) + "." + dataset.seed();
        tokens.add(token);
        String base = baseUrl(request);
        ObjectNode body = JSON.createObjectNode().put("access_token", token).put("instance_url", base)
                .put("id", base + "/id/00D000000000001EAA/005000000000001AAA").put("token_type", "Bearer")
                .put("issued_at", Long.toString(System.currentTimeMillis())).put("signature", "c2FuZGJveA==");
        return json(200, body);
    }

    // --- REST query ------------------------------------------------------------------------------------------

    private ResponseDefinition firstPage(String version, SimulatedSoql soql, boolean all, int batchSize) {
        if (soql.ids() != null) {
            return byIds(version, soql, all);
        }
        long total = soql.filtered() ? countMatching(soql, all) : dataset.count(Crm.SALESFORCE, soql.object(), all);
        return page(version, new QueryCursor(soql, all, soql.after(), 0, total, batchSize));
    }

    /** {@code WHERE Id IN (...)}: the named records that exist (deleted ones too for queryAll), in one page. */
    private ResponseDefinition byIds(String version, SimulatedSoql soql, boolean all) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = JSON.createArrayNode();
        for (String id : soql.ids()) {
            dataset.record(Crm.SALESFORCE, soql.object(), id).filter(r -> all || !r.deleted())
                    .ifPresent(record -> array.add(restRecord(version, soql, record)));
        }
        body.put("totalSize", array.size());
        body.put("done", true);
        body.set("records", array);
        return json(200, body);
    }

    private ResponseDefinition page(String version, QueryCursor cursor) {
        int want = (int) Math.min(cursor.batchSize(), cursor.total() - cursor.served());
        List<SandboxRecord> records = want <= 0 ? List.of() : read(cursor.soql(), cursor.last(), cursor.all(), want);
        long served = cursor.served() + records.size();
        boolean done = records.size() < want || served >= cursor.total();
        ObjectNode body = JSON.createObjectNode();
        body.put("totalSize", cursor.total());
        body.put("done", done);
        if (!done) {
            String locator = "01gSANDBOX" + ids.incrementAndGet() + "-" + served;
            cursors.put(locator, new QueryCursor(cursor.soql(), cursor.all(), records.get(records.size() - 1).cursor(),
                    served, cursor.total(), cursor.batchSize()));
            body.put("nextRecordsUrl", "/services/data/v" + version + "/query/" + locator);
        }
        ArrayNode array = body.putArray("records");
        for (SandboxRecord record : records) {
            array.add(restRecord(version, cursor.soql(), record));
        }
        return json(200, body);
    }

    private List<SandboxRecord> read(SimulatedSoql soql, Cursor after, boolean all, int limit) {
        return dataset.pageAfter(Crm.SALESFORCE, soql.object(), after, soql.since(), null, limit, all);
    }

    private long countMatching(SimulatedSoql soql, boolean all) {
        long count = 0;
        Cursor after = soql.after();
        while (soql.limit() == null || count < soql.limit()) {
            List<SandboxRecord> chunk = read(soql, after, all, 10_000);
            count += chunk.size();
            if (chunk.size() < 10_000) {
                break;
            }
            after = chunk.get(chunk.size() - 1).cursor();
        }
        return soql.limit() == null ? count : Math.min(count, soql.limit());
    }

    private static ObjectNode restRecord(String version, SimulatedSoql soql, SandboxRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("attributes").put("type", soql.object())
                .put("url", "/services/data/v" + version + "/sobjects/" + soql.object() + "/" + record.id());
        for (String field : soql.fields()) {
            String[] path = field.split("\\.");
            ObjectNode target = node;
            Object parent = record.fields();
            for (int i = 0; i < path.length - 1 && target != null; i++) {
                parent = parent instanceof Map<?, ?> map ? map.get(path[i]) : null;
                if (parent == null) {
                    target.putNull(path[i]);
                    target = null;
                } else {
                    target = target.has(path[i]) ? (ObjectNode) target.get(path[i]) : relationship(target, path[i], parent);
                }
            }
            if (target != null) {
                target.set(path[path.length - 1], JSON.valueToTree(SimulatedSoql.value(record.fields(), field)));
            }
        }
        return node;
    }

    private static ObjectNode relationship(ObjectNode owner, String name, Object related) {
        ObjectNode node = owner.putObject(name);
        if (related instanceof Map<?, ?> map && map.get("attributes") != null) {
            node.set("attributes", JSON.valueToTree(map.get("attributes")));
        }
        return node;
    }

    private static int batchSize(Request request) {
        String options = request.getHeader("Sforce-Query-Options");
        if (options != null && options.startsWith("batchSize=")) {
            return Math.max(200, Math.min(MAX_BATCH, Integer.parseInt(options.substring("batchSize=".length()).trim())));
        }
        return MAX_BATCH;
    }

    // --- sObject Describe ------------------------------------------------------------------------------------

    /**
     * {@code GET /sobjects/<Object>/describe}: name, type and, for a lookup, relationshipName and referenceTo of every
     * field (the part of the real answer clients type values with). A field's type is read off the first records
     * that have a value for it; a parent record (Account of a Contact) makes the lookup's relationship.
     */
    private ResponseDefinition describe(String object) {
        if (!dataset.objects(Crm.SALESFORCE).contains(object)) {
            return error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        List<SandboxRecord> sample = dataset.pageAfter(Crm.SALESFORCE, object, null, null, null, 500, true);
        ObjectNode answer = JSON.createObjectNode().put("name", object);
        ArrayNode fields = answer.putArray("fields");
        List<String> names = dataset.fields(Crm.SALESFORCE, object);
        for (String name : names) {
            String relationship = name.endsWith("Id") ? name.substring(0, name.length() - 2) : name;
            String parent = parentObject(sample, relationship);
            if (parent == null) {
                fields.addObject().put("name", name).put("type", describeType(name, sample.stream()
                        .map(r -> r.fields().get(name)).filter(v -> v != null).findFirst().orElse(null)));
            } else if (!relationship.equals(name) || !names.contains(name + "Id")) {
                // the lookup field (AccountId) carries the relationship (Account) and its parent object
                fields.addObject().put("name", name).put("type", "reference").put("relationshipName", relationship)
                        .putArray("referenceTo").add(parent);
            }
        }
        return json(200, answer);
    }

    /** The object of the parent records the sample holds under this relationship name, or null. */
    private static String parentObject(List<SandboxRecord> sample, String relationship) {
        return sample.stream().map(r -> r.fields().get(relationship))
                .filter(v -> v instanceof Map<?, ?> parent && parent.get("attributes") instanceof Map<?, ?>)
                .map(v -> String.valueOf(((Map<?, ?>) ((Map<?, ?>) v).get("attributes")).get("type")))
                .findFirst().orElse(null);
    }

    private static String describeType(String name, Object value) {
        if (name.equals("Id")) {
            return "id";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "int";
        }
        if (value instanceof Number) {
            return "double";
        }
        if (value instanceof String text && SALESFORCE_DATETIME.matcher(text).matches()) {
            return "datetime";
        }
        if (value instanceof String text && DATE.matcher(text).matches()) {
            return "date";
        }
        return "string";
    }

    // --- Bulk API 2.0 query ----------------------------------------------------------------------------------

    private ResponseDefinition createJob(Request request) {
        JsonNode body = readJson(request.getBodyAsString());
        String operation = body.path("operation").asText();
        if (!operation.equals("query") && !operation.equals("queryAll")) {
            return error(400, "INVALIDJOB", "operation must be query or queryAll");
        }
        SimulatedSoql soql = SimulatedSoql.parse(body.path("query").asText());
        String id = "750SANDBOX" + String.format("%08d", ids.incrementAndGet());
        BulkJob job = new BulkJob(id, soql, operation.equals("queryAll"), Instant.now().toString());
        jobs.put(id, job);
        return json(200, jobInfo(job, "UploadComplete"));
    }

    private ObjectNode jobInfo(BulkJob job, String state) {
        return JSON.createObjectNode().put("id", job.id()).put("operation", job.all() ? "queryAll" : "query")
                .put("object", job.soql().object()).put("createdById", "005000000000001AAA")
                .put("createdDate", job.created()).put("systemModstamp", job.created()).put("state", state)
                .put("concurrencyMode", "Parallel").put("contentType", "CSV").put("apiVersion", 62.0)
                .put("lineEnding", "LF").put("columnDelimiter", "COMMA");
    }

    private ResponseDefinition results(Request request, BulkJob job) {
        int maxRecords = request.queryParameter("maxRecords").isPresent()
                ? Integer.parseInt(request.queryParameter("maxRecords").firstValue()) : DEFAULT_BULK_ROWS;
        Cursor after = job.soql().after();
        if (request.queryParameter("locator").isPresent()) {
            String[] key = new String(Base64.getUrlDecoder().decode(request.queryParameter("locator").firstValue()),
                    StandardCharsets.UTF_8).split("\\|", 2);
            after = new Cursor(Instant.parse(key[0]), key[1]);
        }
        List<SandboxRecord> records = read(job.soql(), after, job.all(), maxRecords);
        StringBuilder csv = new StringBuilder(records.size() * 200);
        csv.append(String.join(",", job.soql().fields().stream().map(f -> quote(f)).toList())).append('\n');
        for (SandboxRecord record : records) {
            Iterator<String> fields = job.soql().fields().iterator();
            while (fields.hasNext()) {
                csv.append(quote(csvValue(SimulatedSoql.value(record.fields(), fields.next()))));
                csv.append(fields.hasNext() ? ',' : '\n');
            }
        }
        String locator = "null";
        if (records.size() == maxRecords) {
            Cursor last = records.get(records.size() - 1).cursor();
            locator = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((last.modifiedAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeaders(limitHeaders().plus(new HttpHeader("Content-Type", "text/csv"),
                        new HttpHeader("Sforce-Locator", locator),
                        new HttpHeader("Sforce-NumberOfRecords", Integer.toString(records.size()))))
                .withBody(csv.toString()).build();
    }

    /** Bulk CSV cells: text as is, datetimes in the Z form, numbers without exponent, null as an empty cell. */
    private static String csvValue(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString();
        }
        String text = value.toString();
        return SALESFORCE_DATETIME.matcher(text).matches() ? text.substring(0, 23) + "Z" : text;
    }

    private static String quote(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    // --- sObject Collections update (write-back) ------------------------------------------------------------

    private ResponseDefinition updateCollection(Request request) {
        JsonNode records = readJson(request.getBodyAsString()).path("records");
        if (records.size() > MAX_COLLECTION) {
            return error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        }
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode record : records) {
            String type = record.path("attributes").path("type").asText();
            String id = record.path("id").asText(record.path("Id").asText());
            Map<String, Object> changes = new LinkedHashMap<>();
            record.fields().forEachRemaining(f -> {
                if (!List.of("attributes", "id", "Id").contains(f.getKey())) {
                    changes.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
                }
            });
            results.add(updateOne(type, id, changes));
        }
        return json(200, results);
    }

    private ObjectNode updateOne(String type, String id, Map<String, Object> changes) {
        ObjectNode result = JSON.createObjectNode().put("id", id);
        if (!dataset.objects(Crm.SALESFORCE).contains(type)) {
            return failed(result, "INVALID_TYPE", "sObject type '" + type + "' is not supported.", List.of());
        }
        Optional<SandboxError> failure = dataset.writeFailure(Crm.SALESFORCE, type, id);
        if (failure.isPresent()) {
            return failed(result, failure.get().errorCode(), failure.get().message(), failure.get().fields());
        }
        try {
            dataset.update(Crm.SALESFORCE, type, id, changes);
        } catch (NoSuchElementException e) {
            return failed(result, "ENTITY_IS_DELETED", "entity is deleted", List.of());
        }
        result.put("success", true);
        result.putArray("errors");
        return result;
    }

    private static ObjectNode failed(ObjectNode result, String code, String message, List<String> fields) {
        result.put("success", false);
        ObjectNode error = result.putArray("errors").addObject().put("statusCode", code).put("message", message);
        ArrayNode names = error.putArray("fields");
        fields.forEach(names::add);
        return result;
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private HttpHeaders limitHeaders() {
        return new HttpHeaders(new HttpHeader("Sforce-Limit-Info", "api-usage=" + apiCalls.get() + "/" + dailyLimit),
                new HttpHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(dataset.now().atZone(ZoneOffset.UTC))));
    }

    private ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeaders(limitHeaders().plus(new HttpHeader("Content-Type", "application/json;charset=UTF-8")))
                .withBody(body.toString()).build();
    }

    /** Salesforce's REST error body: an array of {message, errorCode, fields}. */
    private ResponseDefinition error(int status, String code, String message) {
        ArrayNode body = JSON.createArrayNode();
        body.addObject().put("message", message).put("errorCode", code);
        return json(status, body);
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not JSON");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        if (body == null) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String baseUrl(Request request) {
        URI uri = URI.create(request.getAbsoluteUrl());
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
