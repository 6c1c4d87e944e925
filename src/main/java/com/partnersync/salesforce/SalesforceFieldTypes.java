package com.partnersync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnersync.sync.MalformedResponseException;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Types Bulk API 2.0 CSV cells as the REST API types the same fields, so a record stores the same {@code raw} JSON
 * whichever way it was read: CSV has only text ({@code "330018.97"}, {@code "true"}, an empty cell for null), REST
 * JSON has numbers, booleans, null, and datetimes as {@code 2026-01-05T10:00:00.000+0000}. The types come from the
 * sObject Describe resource ({@code GET /sobjects/<Object>/describe}, field {@code type}), one call per object
 * (relationship paths such as {@code Account.Website} describe the parent too), kept for the life of this instance:
 * one object's run.
 */
final class SalesforceFieldTypes {
    /** The REST API's datetime form. */
    private static final DateTimeFormatter REST_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    private final Function<String, JsonNode> describe;
    private final Map<String, Map<String, JsonNode>> fieldsByObject = new HashMap<>();

    /** @param describe the Describe answer of an object */
    SalesforceFieldTypes(Function<String, JsonNode> describe) {
        this.describe = describe;
    }

    /**
     * The cell as REST would give the field's value: null for an empty cell, a boolean, a number, a datetime in the
     * REST form, or the text itself (also when the type is unknown or the text does not parse, so nothing is lost and
     * the mapping reports a bad value as it does for REST).
     */
    Object value(String object, String path, String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        String type = type(object, path);
        try {
            return switch (type) {
                case "boolean" -> cell.equals("true") ? Boolean.TRUE : cell.equals("false") ? Boolean.FALSE : cell;
                case "int", "long" -> Long.parseLong(cell);
                case "double", "currency", "percent" -> new BigDecimal(cell);
                case "datetime" -> REST_DATETIME.format(SalesforceRecords.parseDatetime(cell));
                default -> cell;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return cell;
        }
    }

    /** The Describe {@code type} of a field or relationship path, "" when the object has no such field. */
    String type(String object, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            JsonNode field = fields(object).get(path);
            return field == null ? "" : field.path("type").asText();
        }
        String relationship = path.substring(0, dot);
        for (JsonNode field : fields(object).values()) {
            JsonNode to = field.path("referenceTo");
            if (relationship.equalsIgnoreCase(field.path("relationshipName").asText()) && to.size() == 1) {
                return type(to.get(0).asText(), path.substring(dot + 1));
            }
        }
        return ""; // polymorphic (Who, What) or unknown: kept as text
    }

    private Map<String, JsonNode> fields(String object) {
        return fieldsByObject.computeIfAbsent(object, o -> {
            JsonNode answer = describe.apply(o);
            JsonNode fields = answer.path("fields");
            if (!fields.isArray()) {
                throw new MalformedResponseException("Salesforce describe " + o, "no fields array", 200, answer.toString());
            }
            // field names are case-insensitive in SOQL, so CSV headers may differ in case from Describe
            Map<String, JsonNode> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            fields.forEach(f -> byName.put(f.path("name").asText(), f));
            return byName;
        });
    }
}
