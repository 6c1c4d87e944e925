package com.partnersync.mapping;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every coercion of the mapping format, with the messy shapes Salesforce and HubSpot actually send. */
class ValueTypeTest {
    static Stream<Arguments> coercions() {
        return Stream.of(
                arguments(ValueType.STRING, "  Acme ", "  Acme "),
                arguments(ValueType.STRING, 42.0, "42"),
                arguments(ValueType.STRING, 1.27625088E8, "127625088"),
                arguments(ValueType.STRING, true, "true"),
                arguments(ValueType.INTEGER, "1200", 1200),
                arguments(ValueType.INTEGER, " 1,200 ", 1200),
                arguments(ValueType.INTEGER, 250.0, 250),
                arguments(ValueType.INTEGER, "1.27625088E8", 127625088),
                arguments(ValueType.INTEGER, 7L, 7),
                arguments(ValueType.DECIMAL, 1.27625088E8, new BigDecimal("127625088")),
                arguments(ValueType.DECIMAL, "1.27625088E8", new BigDecimal("1.27625088E8")),
                arguments(ValueType.DECIMAL, 0.1, new BigDecimal("0.1")),
                arguments(ValueType.DECIMAL, "12,345.67", new BigDecimal("12345.67")),
                arguments(ValueType.DECIMAL, " -3.5 ", new BigDecimal("-3.5")),
                arguments(ValueType.DECIMAL, new BigInteger("99"), new BigDecimal("99")),
                arguments(ValueType.PERCENT, 15, new BigDecimal("0.15")),
                arguments(ValueType.PERCENT, 15.0, new BigDecimal("0.150")),
                arguments(ValueType.PERCENT, "15%", new BigDecimal("0.15")),
                arguments(ValueType.PERCENT, " 12.5 % ", new BigDecimal("0.125")),
                arguments(ValueType.BOOLEAN, true, true),
                arguments(ValueType.BOOLEAN, "Y", true),
                arguments(ValueType.BOOLEAN, "n", false),
                arguments(ValueType.BOOLEAN, " Yes ", true),
                arguments(ValueType.BOOLEAN, "FALSE", false),
                arguments(ValueType.BOOLEAN, "1", true),
                arguments(ValueType.BOOLEAN, 0, false),
                arguments(ValueType.DATE, "2026-03-01", LocalDate.of(2026, 3, 1)),
                arguments(ValueType.DATE, "2026-03-01T23:30:00.000+0000", LocalDate.of(2026, 3, 1)),
                arguments(ValueType.DATE, "2026-03-01T01:30:00+02:00", LocalDate.of(2026, 2, 28)),
                arguments(ValueType.DATE, "1772323200000", LocalDate.of(2026, 3, 1)),
                arguments(ValueType.DATE, 1772323200000L, LocalDate.of(2026, 3, 1)),
                arguments(ValueType.DATETIME, "2026-03-01T10:00:00.000+0000", OffsetDateTime.parse("2026-03-01T10:00Z")),
                arguments(ValueType.DATETIME, "2026-03-01T10:00:00.123Z", OffsetDateTime.parse("2026-03-01T10:00:00.123Z")),
                arguments(ValueType.DATETIME, "2026-03-01T12:00:00+02:00", OffsetDateTime.parse("2026-03-01T10:00Z")),
                arguments(ValueType.DATETIME, "2026-03-01 10:00:00+00", OffsetDateTime.parse("2026-03-01T10:00Z")),
                arguments(ValueType.DATETIME, "2026-03-01T10:00:00-0530", OffsetDateTime.parse("2026-03-01T15:30Z")),
                arguments(ValueType.DATETIME, "2026-03-01T10:00:00.5+01:00", OffsetDateTime.parse("2026-03-01T09:00:00.5Z")),
                arguments(ValueType.DATETIME, "2026-03-01T10:00Z", OffsetDateTime.parse("2026-03-01T10:00Z")),
                arguments(ValueType.DATETIME, "2026-03-01T10:00:00", OffsetDateTime.parse("2026-03-01T10:00Z")),
                arguments(ValueType.DATETIME, "2026-03-01", OffsetDateTime.parse("2026-03-01T00:00Z")),
                arguments(ValueType.DATETIME, "1772359200000", OffsetDateTime.parse("2026-03-01T10:00Z")),
                arguments(ValueType.DATETIME, 1.7723592E12, OffsetDateTime.parse("2026-03-01T10:00Z")),
                arguments(ValueType.LIST, "AE;SE; CSM ;", List.of("AE", "SE", "CSM")),
                arguments(ValueType.LIST, List.of("101", 202, " 303 "), List.of("101", "202", "303")),
                arguments(ValueType.LIST, "single", List.of("single")));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("coercions")
    void coerces(ValueType type, Object input, Object expected) {
        assertThat(type.coerce(input, null)).isEqualTo(expected);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments(ValueType.STRING, List.of("a", "b"), "several values where one was expected"),
                arguments(ValueType.STRING, Map.of("Name", "x"), "an object where a value was expected"),
                arguments(ValueType.INTEGER, "12.5", "not a whole number in integer range: '12.5'"),
                arguments(ValueType.INTEGER, "99999999999", "not a whole number in integer range: '99999999999'"),
                arguments(ValueType.DECIMAL, "12 apples", "not a number: '12 apples'"),
                arguments(ValueType.DECIMAL, "1.234,56", "not a number: '1.234,56'"),
                arguments(ValueType.DECIMAL, Double.NaN, "not a number: 'NaN'"),
                arguments(ValueType.DECIMAL, true, "not a number: 'true'"),
                arguments(ValueType.PERCENT, "fifteen%", "not a number: 'fifteen'"),
                arguments(ValueType.BOOLEAN, "maybe", "not a boolean (true/false, Y/N, yes/no, 1/0): 'maybe'"),
                arguments(ValueType.DATE, "soon", "not a date: 'soon'"),
                arguments(ValueType.DATE, "2026-02-30", "not a date: '2026-02-30'"),
                arguments(ValueType.DATE, "03/01/2026", "not a date: '03/01/2026'"),
                arguments(ValueType.DATETIME, "2026-03-01T25:00:00Z", "not a date-time: '2026-03-01T25:00:00Z'"),
                arguments(ValueType.DATETIME, "2026-03-01T10:00:00 PST", "not a date-time: '2026-03-01T10:00:00 PST'"),
                arguments(ValueType.DATETIME, "2026-03-01T10:00:00+25:00", "not a date-time: '2026-03-01T10:00:00+25:00'"),
                arguments(ValueType.DATETIME, true, "not a date-time: 'true'"),
                // a number in a date field is not a date, not 1970-01-01
                arguments(ValueType.DATE, 20261207, "not a date (a number, not epoch milliseconds): '20261207'"),
                arguments(ValueType.DATE, "20261207", "not a date: '20261207'"),
                arguments(ValueType.DATE, 20261207.0, "not a date (a number, not epoch milliseconds): '2.0261207E7'"),
                arguments(ValueType.DATETIME, 1733529600, "not a date-time (a number, not epoch milliseconds): '1733529600'"),
                arguments(ValueType.DATETIME, "1733529600", "not a date-time: '1733529600'"),
                arguments(ValueType.DATETIME, 12.5, "not a date-time: '12.5'"));
    }

    @ParameterizedTest(name = "{0} {1} fails")
    @MethodSource("failures")
    void rejectsWithTheOffendingValue(ValueType type, Object input, String message) {
        assertThatThrownBy(() -> type.coerce(input, null)).isInstanceOf(BadValueException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "list separator {0}")
    @MethodSource("separators")
    void splitsListsOnTheConfiguredSeparator(String separator, String input, List<String> expected) {
        assertThat(ValueType.LIST.coerce(input, separator)).isEqualTo(expected);
    }

    static Stream<Arguments> separators() {
        return Stream.of(arguments(",", "a, b,,c", List.of("a", "b", "c")), arguments("|", "a|b", List.of("a", "b")),
                arguments(";", "a,b;c", List.of("a,b", "c")));
    }
}
