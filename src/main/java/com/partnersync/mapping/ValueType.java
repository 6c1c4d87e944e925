package com.partnersync.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coercions of the mapping format: CRM values (JSON strings, numbers, booleans, lists) to model values.
 * Inputs are never blank here; a blank value is handled by default/required before coercion.
 */
enum ValueType {
    STRING {
        @Override
        Object coerce(Object value, String separator) {
            if (value instanceof Collection<?>) {
                throw BadValueException.of("several values where one was expected (add transform: [first] or type: list)", value);
            }
            return text(value);
        }
    },
    INTEGER {
        @Override
        Object coerce(Object value, String separator) {
            BigDecimal number = number(value);
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                throw BadValueException.of("not a whole number in integer range", value);
            }
        }
    },
    DECIMAL {
        @Override
        Object coerce(Object value, String separator) {
            return number(value);
        }
    },
    /** 15, 15.0 (a Salesforce percent field) and "15%" all mean 0.15. */
    PERCENT {
        @Override
        Object coerce(Object value, String separator) {
            Object number = value instanceof String s && s.strip().endsWith("%") ? s.strip().replaceFirst("%$", "") : value;
            return number(number).movePointLeft(2);
        }
    },
    BOOLEAN {
        @Override
        Object coerce(Object value, String separator) {
            if (value instanceof Boolean b) {
                return b;
            }
            return switch (text(value).strip().toLowerCase(Locale.ROOT)) {
                case "true", "t", "y", "yes", "1", "1.0" -> true;
                case "false", "f", "n", "no", "0", "0.0" -> false;
                default -> throw BadValueException.of("not a boolean (true/false, Y/N, yes/no, 1/0)", value);
            };
        }
    },
    /** ISO dates, ISO date-times (their UTC date) and epoch milliseconds (HubSpot). */
    DATE {
        @Override
        Object coerce(Object value, String separator) {
            String text = text(value).strip();
            if (ISO_DATE.matcher(text).matches()) {
                try {
                    return LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)),
                            Integer.parseInt(text.substring(8, 10)));
                } catch (DateTimeException e) {
                    throw BadValueException.of("not a date", value);
                }
            }
            return instant(value, "not a date").atOffset(ZoneOffset.UTC).toLocalDate();
        }
    },
    /** ISO 8601 with or without offset (Salesforce "+0000" too, no offset meaning UTC) and epoch milliseconds. */
    DATETIME {
        @Override
        Object coerce(Object value, String separator) {
            return instant(value, "not a date-time").atOffset(ZoneOffset.UTC);
        }
    },
    /** A list of strings: a JSON array, or text split on the separator (Salesforce multi-select picklists use ";"). */
    LIST {
        @Override
        Object coerce(Object value, String separator) {
            List<String> items = value instanceof Collection<?> c
                    ? c.stream().filter(Objects::nonNull).map(ValueType::text).map(String::strip).toList()
                    : List.of(text(value).split(Pattern.quote(separator == null ? ";" : separator)));
            return items.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    };

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");
    /**
     * ISO 8601 date or date-time; "T" or a space; offset Z, +hh:mm, +hhmm (Salesforce) or +hh; no offset means UTC.
     * Groups: 1-3 date, 4-6 time, 7 fraction, 8 offset, 9 offset hours, 10 offset minutes.
     */
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})"
            + "(?::(\\d{2})(?:[.,](\\d{1,9}))?)?(Z|([+-]\\d{2})(?::?(\\d{2}))?)?)?");

    abstract Object coerce(Object value, String separator);

    static ValueType named(String name) {
        for (ValueType type : values()) {
            if (type.yamlName().equals(name)) {
                return type;
            }
        }
        return null;
    }

    String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The text form of a scalar: numbers without binary noise or trailing ".0" (Salesforce sends 42 as 42.0). */
    static String text(Object value) {
        if (value instanceof Number n) {
            return decimal(n).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Map<?, ?>) {
            throw BadValueException.of("an object where a value was expected", value);
        }
        return value.toString();
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            return decimal(n);
        }
        if (value instanceof Boolean || value instanceof Collection<?> || value instanceof Map<?, ?>) {
            throw BadValueException.of("not a number", value);
        }
        String text = value.toString().strip();
        if (THOUSANDS.matcher(text).matches()) {
            text = text.replace(",", "");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw BadValueException.of("not a number", value);
        }
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw BadValueException.of("not a number", n);
            }
            // valueOf uses the shortest decimal that round-trips: 1.27625088E8 -> 127625088, 0.1 -> 0.1
            return BigDecimal.valueOf(d);
        }
        return BigDecimal.valueOf(n.longValue());
    }

    private static Instant instant(Object value, String what) {
        if (value instanceof Number n) {
            try {
                long millis = decimal(n).longValueExact();
                if (!RecordKeys.EPOCH_MILLIS.matcher(Long.toString(millis)).matches()) {
                    throw BadValueException.of(what + " (a number, not epoch milliseconds)", value);
                }
                return Instant.ofEpochMilli(millis);
            } catch (ArithmeticException e) {
                throw BadValueException.of(what, value);
            }
        }
        if (value instanceof Boolean || value instanceof Collection<?>) {
            throw BadValueException.of(what, value);
        }
        String text = text(value).strip();
        if (RecordKeys.EPOCH_MILLIS.matcher(text).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        // one precompiled pattern instead of DateTimeFormatter fallbacks: this runs for every date of every record
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            throw BadValueException.of(what, value);
        }
        try {
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                    nanos);
            ZoneOffset offset = m.group(8) == null || m.group(8).equals("Z") ? ZoneOffset.UTC
                    : ZoneOffset.ofHoursMinutes(Integer.parseInt(m.group(9)),
                    (m.group(9).startsWith("-") ? -1 : 1) * (m.group(10) == null ? 0 : Integer.parseInt(m.group(10))));
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            throw BadValueException.of(what, value);
        }
    }
}
