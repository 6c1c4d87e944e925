package com.partnersync.sandbox.salesforce;

import com.partnersync.sandbox.Cursor;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SOQL the sandbox understands: the shapes the connector's SOQL builder emits (a field list with relationship paths,
 * one object, an optional (SystemModstamp, Id) lower bound or {@code Id IN (...)}, ORDER BY SystemModstamp, Id,
 * LIMIT). Anything else is a
 * MALFORMED_QUERY, as a real org would answer for SOQL it cannot parse.
 */
record SimulatedSoql(List<String> fields, String object, Cursor after, Instant since, Integer limit, List<String> ids) {
    private static final Pattern QUERY = Pattern.compile(
            "SELECT (.+?) FROM (\\w+)(?: WHERE (.+?))?(?: ORDER BY (.+?))?(?: LIMIT (\\d+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern AFTER_KEY = Pattern.compile(
            "\\(SystemModstamp > (\\S+) OR \\(SystemModstamp = (\\S+) AND Id > '(\\w+)'\\)\\)");
    private static final Pattern SINCE = Pattern.compile("SystemModstamp (>=|>) (\\S+)");
    private static final Pattern ID_IN = Pattern.compile("Id IN \\(('\\w+'(?:, '\\w+')*)\\)");
    private static final Pattern ORDER = Pattern.compile("SystemModstamp(?: ASC)?, Id(?: ASC)?", Pattern.CASE_INSENSITIVE);
    /** A field API name, or a relationship path of them (Owner.Name): a letter, then letters, digits, underscores. */
    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)*");
    /** Above every Salesforce id (they are alphanumeric): "after (t, ~)" means "after every record at t". */
    private static final String AFTER_ALL_IDS = "~";

    static SimulatedSoql parse(String soql) {
        Matcher query = QUERY.matcher(soql == null ? "" : soql.trim());
        if (!query.matches()) {
            throw new IllegalArgumentException("unexpected token: " + firstWord(soql));
        }
        List<String> fields = Arrays.stream(query.group(1).split(",")).map(String::trim).toList();
        for (String field : fields) {
            if (!FIELD_PATH.matcher(field).matches()) {
                throw new IllegalArgumentException("unexpected token: " + field);
            }
        }
        Cursor after = null;
        Instant since = null;
        List<String> ids = null;
        String where = query.group(3);
        if (where != null) {
            Matcher key = AFTER_KEY.matcher(where);
            Matcher idIn = ID_IN.matcher(where);
            Matcher bound = SINCE.matcher(where);
            if (key.matches() && key.group(1).equals(key.group(2))) {
                after = new Cursor(Instant.parse(key.group(1)), key.group(3));
            } else if (bound.matches() && bound.group(1).equals(">=")) {
                since = Instant.parse(bound.group(2));
            } else if (idIn.matches()) {
                ids = Arrays.stream(idIn.group(1).split(", ")).map(id -> id.substring(1, id.length() - 1)).toList();
            } else if (bound.matches()) {
                after = new Cursor(Instant.parse(bound.group(2)), AFTER_ALL_IDS);
            } else {
                throw new IllegalArgumentException("the sandbox filters on SystemModstamp and Id only: " + where);
            }
        }
        if (query.group(4) != null && !ORDER.matcher(query.group(4)).matches()) {
            throw new IllegalArgumentException("the sandbox orders by SystemModstamp, Id only: " + query.group(4));
        }
        Integer limit = query.group(5) == null ? null : Integer.valueOf(query.group(5));
        return new SimulatedSoql(fields, query.group(2), after, since, limit, ids);
    }

    boolean filtered() {
        return after != null || since != null || limit != null;
    }

    /** The value at a field path: relationship fields are nested maps of the record. */
    static Object value(Map<String, Object> fields, String path) {
        Object value = fields;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    private static String firstWord(String soql) {
        String trimmed = soql == null ? "" : soql.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }
}
