package com.partnersync.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.sync.ApiLimitReachedException;
import com.partnersync.sync.CrmApiException;
import com.partnersync.sync.CrmClock;
import com.partnersync.sync.CrmErrorText;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ColumnDelimiterEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.LineEndingEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Salesforce calls of the source and write-back, each sent through a route of {@link SalesforceApiRoutes} to the
 * camel-salesforce component, so both draw on one session and one API budget. Query pages come back as raw JSON
 * (the mapping files, not generated DTOs, decide the fields), checked by SalesforceResponseCheck inside the route so a
 * malformed answer is retried; Bulk API 2.0 jobs use the component's typed job DTO.
 * A failed call ends as {@link CrmApiException} with Salesforce's error body, or {@link ApiLimitReachedException}
 * when the org's daily limit or the configured share of it is used up.
 */
public class SalesforceClient implements SalesforceApi {
    private static final ThreadLocal<AtomicLong> CALLER_CALLS = new ThreadLocal<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FROM = Pattern.compile("(?i)\\bfrom\\s+(\\w+)");

    private final SalesforceProperties properties;
    private final ProducerTemplate template;
    private final SalesforceApiUsage usage;

    /** One checked chunk of a Bulk API 2.0 query job's CSV results (header first), and the next chunk's locator or null. */
    public record BulkChunk(List<List<String>> rows, String locator) {
    }

    public SalesforceClient(SalesforceProperties properties, ProducerTemplate template, SalesforceApiUsage usage) {
        this.properties = properties;
        this.template = template;
        this.usage = usage;
    }

    public boolean configured() {
        return properties.configured();
    }

    /**
     * Logs the component's session in through the login guard unless it has a token: for the component's other users
     * (the CDC subscription logs in on its own, unguarded, when the session has no token).
     */
    public void login() {
        send(SalesforceApiRoutes.LOGIN, null, Map.of());
    }

    /**
     * Runs {@code work} with the calls it makes on this thread (redeliveries included) also counted into {@code calls}:
     * objects are read concurrently over one session, so a difference of {@link #apiCalls()} would count all of them.
     */
    public <T> T countingCalls(AtomicLong calls, Supplier<T> work) {
        AtomicLong previous = CALLER_CALLS.get();
        CALLER_CALLS.set(calls);
        try {
            return work.get();
        } finally {
            CALLER_CALLS.set(previous);
        }
    }

    /** Calls made by this service since start, redeliveries included. */
    public long apiCalls() {
        return usage.calls();
    }

    public long apiUsed() {
        return usage.used();
    }

    public long apiMax() {
        return usage.max();
    }

    /** The org's clock, from the Date header of the instance's answers (the login server's are not used). */
    public CrmClock clock() {
        return usage.clock();
    }

    /** Any REST resource under {@code /services/data/vNN.N} through the component's {@code raw} operation. */
    @Override
    public JsonNode call(String method, String pathUnderVersion, Object jsonBody) {
        String body;
        try {
            body = jsonBody == null ? null : JSON.writeValueAsString(jsonBody);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body cannot be serialised", e);
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        int query = pathUnderVersion.indexOf('?');
        String path = query < 0 ? pathUnderVersion : pathUnderVersion.substring(0, query);
        if (query >= 0) {
            // the raw operation URL-encodes the headers it is told to send as query parameters
            List<String> names = new java.util.ArrayList<>();
            for (String pair : pathUnderVersion.substring(query + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                headers.put(name, kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                names.add(name);
            }
            headers.put(SalesforceEndpointConfig.RAW_QUERY_PARAMETERS, String.join(",", names));
        }
        headers.put(SalesforceEndpointConfig.RAW_PATH, "/services/data/v" + properties.apiVersion() + path);
        headers.put(SalesforceEndpointConfig.RAW_METHOD, method);
        return json(send(SalesforceApiRoutes.RAW, body, headers));
    }

    /**
     * The first page of a SOQL query; {@code queryAll} also returns deleted (IsDeleted) records. Its totalSize tells
     * the progress lines how many records the read will return.
     */
    public JsonNode query(String soql, boolean queryAll) {
        JsonNode page = json(send(queryAll ? SalesforceApiRoutes.QUERY_ALL : SalesforceApiRoutes.QUERY, null,
                queryHeaders(soql)));
        String object = null;
        for (Matcher from = FROM.matcher(soql); from.find(); ) {
            object = from.group(1); // the last FROM: the queried object, after any relationship subqueries
        }
        if (object != null && page.has("totalSize")) {
            usage.monitor().expect(object, page.path("totalSize").asLong());
        }
        return page;
    }

    /** The next page of a query, by the {@code nextRecordsUrl} Salesforce handed back. */
    public JsonNode queryMore(String nextRecordsUrl) {
        if (!nextRecordsUrl.startsWith("/services/")) {
            throw new IllegalArgumentException("not a Salesforce REST path: " + nextRecordsUrl);
        }
        return json(send(SalesforceApiRoutes.QUERY_MORE, null, queryHeaders(nextRecordsUrl)));
    }

    private Map<String, Object> queryHeaders(String soqlOrNextRecordsUrl) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(SalesforceEndpointConfig.SOBJECT_QUERY, soqlOrNextRecordsUrl);
        headers.put("Sforce-Query-Options", "batchSize=" + properties.batchSize());
        return headers;
    }

    /** Starts a Bulk API 2.0 query job (CSV, comma, LF). */
    public QueryJob createQueryJob(String soql, boolean queryAll) {
        QueryJob job = new QueryJob();
        job.setOperation(queryAll ? OperationEnum.QUERY_ALL : OperationEnum.QUERY);
        job.setQuery(soql);
        job.setContentType(ContentTypeEnum.CSV);
        job.setColumnDelimiter(ColumnDelimiterEnum.COMMA);
        job.setLineEnding(LineEndingEnum.LF);
        return send(SalesforceApiRoutes.CREATE_QUERY_JOB, job, Map.of()).getMessage().getBody(QueryJob.class);
    }

    public QueryJob queryJob(String jobId) {
        return send(SalesforceApiRoutes.GET_QUERY_JOB, null, Map.of(SalesforceEndpointConfig.JOB_ID, jobId))
                .getMessage().getBody(QueryJob.class);
    }

    /** Up to {@code maxRecords} result rows of a completed job, after {@code locator} (null for the first chunk). */
    public BulkChunk bulkResults(String jobId, String locator, int maxRecords) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(SalesforceEndpointConfig.JOB_ID, jobId);
        headers.put(SalesforceEndpointConfig.MAX_RECORDS, maxRecords);
        if (locator != null) {
            headers.put(SalesforceEndpointConfig.LOCATOR, locator);
        }
        return send(SalesforceApiRoutes.QUERY_JOB_RESULTS, null, headers).getMessage().getBody(BulkChunk.class);
    }

    private Exchange send(String route, Object body, Map<String, Object> headers) {
        AtomicLong callerCalls = CALLER_CALLS.get();
        Exchange exchange = template.request(route, e -> {
            if (callerCalls != null) {
                e.setProperty(SalesforceApiUsage.CALLER_CALLS, callerCalls);
            }
            e.getIn().setBody(body);
            e.getIn().setHeaders(new HashMap<>(headers));
        });
        Exception failure = exchange.getException();
        if (failure == null) {
            return exchange;
        }
        if (failure instanceof ApiLimitReachedException limit) {
            throw limit;
        }
        if (failure instanceof CrmApiException crm) {
            throw crm; // a malformed answer, after its retries
        }
        if (failure instanceof SalesforceException salesforce && SalesforceApiRoutes.dailyLimitExceeded(salesforce)) {
            throw new ApiLimitReachedException("Salesforce daily API request limit exceeded");
        }
        if (failure instanceof SalesforceException salesforce) {
            // the message keeps Salesforce's error code and the part naming the field or object
            String errors = errorBody(salesforce);
            throw new CrmApiException("Salesforce call failed with HTTP " + salesforce.getStatusCode() + ": "
                    + salesforce.getMessage() + ": " + CrmErrorText.describe(errors), salesforce.getStatusCode(), errors);
        }
        throw new CrmApiException("Salesforce call failed: " + failure.getMessage(), 0, "");
    }

    /** Salesforce's error list as JSON ({@code [{"errorCode":..., "message":..., "fields":[...]}]}), else the message. */
    private static String errorBody(SalesforceException e) {
        if (e.getErrors() == null || e.getErrors().isEmpty()) {
            return String.valueOf(e.getMessage());
        }
        try {
            return JSON.writeValueAsString(e.getErrors());
        } catch (JsonProcessingException ex) {
            return String.valueOf(e.getMessage());
        }
    }

    /** The answer the route checked and parsed (see SalesforceResponseCheck). */
    private static JsonNode json(Exchange exchange) {
        return exchange.getMessage().getBody(JsonNode.class);
    }
}
