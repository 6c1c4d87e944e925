package com.partnersync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CRM error body as one line that keeps its cause: the CRM's error code first, then the part of the message that
 * names the field or object. Salesforce's INVALID_FIELD / INVALID_TYPE / MALFORMED_QUERY messages repeat the whole
 * SOQL before the explanation; cutting the body at a fixed length lost exactly the name of the unknown field.
 */
public final class CrmErrorText {
    /** Long enough for any explanation; what is cut is the tail of an unusually long list of errors. */
    static final int MAX_LENGTH = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SOQL_ECHO = Pattern.compile("^\\s*\\n?(.*)\\n( *)\\^\\s*\\n(?:ERROR at Row:(\\d+):Column:(\\d+)\\s*\\n)?(.*)$",
            Pattern.DOTALL);

    private CrmErrorText() {
    }

    public static String describe(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return cut(body.strip().replaceAll("\\s+", " "));
        }
        List<String> parts = new ArrayList<>();
        if (json.isArray()) {
            // Salesforce: [{"message": ..., "errorCode": ..., "fields": [...]}]
            for (JsonNode error : json) {
                parts.add(salesforce(error));
            }
        } else if (json.isObject() && json.has("message")) {
            // HubSpot: {"status":"error","message":...,"correlationId":...,"category":...,"errors":[...]}
            String category = json.path("category").asText(json.path("errorType").asText(""));
            StringBuilder text = new StringBuilder(category.isEmpty() ? "" : category + ": ")
                    .append(json.path("message").asText());
            for (JsonNode detail : json.path("errors")) {
                text.append("; ").append(detail.path("message").asText(detail.toString()));
            }
            if (json.hasNonNull("correlationId")) {
                text.append(" (correlationId ").append(json.get("correlationId").asText()).append(')');
            }
            parts.add(text.toString());
        } else if (json.isObject() && json.has("error")) {
            // OAuth: {"error": "invalid_grant", "error_description": "authentication failure"}
            parts.add(json.path("error").asText() + ": " + json.path("error_description").asText());
        } else {
            parts.add(json.toString());
        }
        return cut(String.join("; ", parts));
    }

    /**
     * {@code errorCode: explanation (at 'Bacon__c', row 1 column 8)}: for a message echoing the SOQL, the explanation
     * after the caret line and the token the caret points at.
     */
    private static String salesforce(JsonNode error) {
        String code = error.path("errorCode").asText(error.path("statusCode").asText(""));
        String message = error.path("message").asText("");
        Matcher echo = SOQL_ECHO.matcher(message);
        if (echo.matches()) {
            String soql = echo.group(1);
            int column = echo.group(2).length();
            String token = column < soql.length() ? soql.substring(column).split("[\\s,()]", 2)[0] : "";
            message = echo.group(5).strip() + " (at '" + token + "'"
                    + (echo.group(3) == null ? "" : ", row " + echo.group(3) + " column " + echo.group(4)) + ")";
        }
        StringBuilder text = new StringBuilder(code.isEmpty() ? "" : code + ": ").append(message.strip().replaceAll("\\s*\\n\\s*", " "));
        if (error.path("fields").isArray() && !error.path("fields").isEmpty()) {
            List<String> fields = new ArrayList<>();
            error.path("fields").forEach(f -> fields.add(f.asText()));
            text.append(" [fields: ").append(String.join(", ", fields)).append(']');
        }
        return text.toString();
    }

    private static String cut(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
    }
}
