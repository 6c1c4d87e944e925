package com.partnersync.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;

/**
 * Encodes mapped values as PostgreSQL {@code COPY ... (FORMAT csv)} fields: an unquoted empty field is NULL,
 * everything else is quoted, so an empty string stays an empty string.
 */
final class CopyCsv {
    private CopyCsv() {
    }

    static void append(StringBuilder line, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Boolean b) {
            line.append(b ? 't' : 'f');
        } else if (value instanceof BigDecimal d) {
            line.append(d.toPlainString());
        } else if (value instanceof Number || value instanceof LocalDate || value instanceof OffsetDateTime
                || value instanceof Instant) {
            line.append(value);
        } else if (value instanceof Collection<?> list) {
            quoted(line, arrayLiteral(list));
        } else {
            quoted(line, value.toString());
        }
    }

    private static void quoted(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }

    /** A text[] literal: every element double-quoted with backslash escapes, NULL elements unquoted. */
    private static String arrayLiteral(Collection<?> list) {
        StringBuilder array = new StringBuilder("{");
        for (Object element : list) {
            if (array.length() > 1) {
                array.append(',');
            }
            if (element == null) {
                array.append("NULL");
                continue;
            }
            array.append('"');
            String text = element.toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    array.append('\\');
                }
                array.append(c);
            }
            array.append('"');
        }
        return array.append('}').toString();
    }
}
