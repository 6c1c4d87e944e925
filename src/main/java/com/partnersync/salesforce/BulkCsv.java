package com.partnersync.salesforce;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 reader for Bulk API 2.0 query results (COMMA delimiter, LF line ending, double-quoted cells, "" escapes,
 * line breaks allowed inside quotes). The first row is the header.
 */
final class BulkCsv {
    private BulkCsv() {
    }

    /**
     * The rows read, and why the text is not complete CSV (null when it is): Salesforce ends every results chunk
     * with a line break, so a chunk cut off in transit ends inside a quote or without one.
     */
    record Parsed(List<List<String>> rows, String problem) {
    }

    static Parsed parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean rowStarted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    rowStarted = true;
                }
                case ',' -> {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rowStarted = true;
                }
                case '\n' -> {
                    row.add(cell.toString());
                    rows.add(row);
                    row = new ArrayList<>();
                    cell.setLength(0);
                    rowStarted = false;
                }
                case '\r' -> {
                    // CRLF line endings: the LF ends the row
                }
                default -> {
                    cell.append(c);
                    rowStarted = true;
                }
            }
        }
        String problem = quoted ? "ends inside a quoted value"
                : !csv.isEmpty() && csv.charAt(csv.length() - 1) != '\n' ? "no line break at the end" : null;
        if (rowStarted) {
            row.add(cell.toString());
            rows.add(row);
        }
        return new Parsed(rows, problem);
    }
}
