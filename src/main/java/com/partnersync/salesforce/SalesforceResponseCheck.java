package com.partnersync.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.sync.MalformedResponseException;

import java.util.List;

/**
 * The shapes Salesforce's read endpoints promise, checked before anything is taken from a body: a query page
 * ({@code query}, {@code queryAll} and their {@code nextRecordsUrl} pages) is a JSON object with {@code totalSize},
 * {@code done}, {@code records} and, while not done, a {@code nextRecordsUrl}; a Bulk API 2.0 results chunk is
 * complete CSV whose rows all have the header's columns and number {@code Sforce-NumberOfRecords}; a finished job's
 * rows add up to its {@code numberRecordsProcessed}. A body that fails is a {@link MalformedResponseException}.
 */
final class SalesforceResponseCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SalesforceResponseCheck() {
    }

    /** Any JSON answer: parseable, and an object or array (an HTML page or a cut body is neither). */
    static JsonNode json(String endpoint, int status, String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedResponseException(endpoint, "no body", status, body);
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !(json.isObject() || json.isArray())) {
                throw new MalformedResponseException(endpoint, "not a JSON object", status, body);
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(endpoint, "not JSON (" + e.getOriginalMessage() + ")", status, body);
        }
    }

    static JsonNode queryPage(String endpoint, int status, String body) {
        JsonNode page = json(endpoint, status, body);
        String problem = queryPageProblem(page);
        if (problem != null) {
            throw new MalformedResponseException(endpoint, problem, status, body);
        }
        return page;
    }

    private static String queryPageProblem(JsonNode page) {
        if (!page.isObject()) {
            return "not a JSON object";
        }
        if (!page.path("records").isArray()) {
            return "no records array";
        }
        if (!page.path("done").isBoolean()) {
            return "no done flag";
        }
        if (!page.path("totalSize").isIntegralNumber()) {
            return "no totalSize";
        }
        if (page.path("totalSize").asLong() < page.path("records").size()) {
            return "totalSize " + page.path("totalSize").asLong() + " but " + page.path("records").size() + " records";
        }
        for (JsonNode record : page.path("records")) {
            if (!record.isObject()) {
                return "a record that is not a JSON object";
            }
        }
        boolean done = page.path("done").asBoolean();
        String next = page.path("nextRecordsUrl").asText("");
        if (!done && !next.startsWith("/services/")) {
            return "done is false but there is no nextRecordsUrl";
        }
        if (!done && page.path("records").isEmpty()) {
            return "done is false but the page has no records";
        }
        return null;
    }

    /** A Bulk API 2.0 query job's info: its id and state must be there. */
    static JsonNode bulkJob(String endpoint, int status, String body) {
        JsonNode job = json(endpoint, status, body);
        if (!job.path("id").isTextual() || !job.path("state").isTextual()) {
            throw new MalformedResponseException(endpoint, "no job id or state", status, body);
        }
        return job;
    }

    /**
     * One chunk of Bulk API 2.0 query results: complete CSV (no open quote at the end, a final line break), a header
     * with Id and SystemModstamp, every row as wide as the header, and as many rows as {@code Sforce-NumberOfRecords}.
     *
     * @return the rows, header first
     */
    static List<List<String>> bulkResults(String endpoint, int status, String body, String numberOfRecords) {
        if (body == null || body.isEmpty()) {
            throw new MalformedResponseException(endpoint, "no body", status, body);
        }
        BulkCsv.Parsed csv = BulkCsv.parse(body);
        if (csv.problem() != null) {
            throw new MalformedResponseException(endpoint, "not complete CSV (" + csv.problem() + ")", status, body);
        }
        List<List<String>> rows = csv.rows();
        if (rows.isEmpty() || !rows.get(0).contains("Id") || !rows.get(0).contains("SystemModstamp")) {
            throw new MalformedResponseException(endpoint, "no CSV header with Id and SystemModstamp", status, body);
        }
        int width = rows.get(0).size();
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).size() != width) {
                throw new MalformedResponseException(endpoint, "row " + i + " has " + rows.get(i).size()
                        + " columns, the header " + width, status, body);
            }
        }
        if (numberOfRecords != null && !numberOfRecords.isBlank()
                && !numberOfRecords.strip().equals(String.valueOf(rows.size() - 1))) {
            throw new MalformedResponseException(endpoint, "Sforce-NumberOfRecords " + numberOfRecords.strip()
                    + " but " + (rows.size() - 1) + " rows", status, body);
        }
        return rows;
    }

    /** All chunks read: their rows must add up to the job's numberRecordsProcessed. */
    static void bulkTotal(String jobId, JsonNode job, long rowsRead) {
        if (job.path("numberRecordsProcessed").isIntegralNumber() && job.path("numberRecordsProcessed").asLong() != rowsRead) {
            throw new MalformedResponseException("Salesforce Bulk API 2.0 results of job " + jobId,
                    "numberRecordsProcessed " + job.path("numberRecordsProcessed").asLong() + " but " + rowsRead
                            + " rows in the results", 200, job.toString());
        }
    }
}
