package com.partnersync.mapping;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ids and modification times that may become a checkpoint, and those that must not. */
class RecordKeysTest {
    @ParameterizedTest(name = "Salesforce id [{0}] valid: {1}")
    @CsvSource(delimiter = '|', value = {
            "0065g000000000JAAQ    | true",
            "0065g000000000J       | true",
            "001B0000000001AAA     | false",
            "006' OR Name != '     | false",
            "0065g000000000JAAQ1   | false",
            "0065g00000-000JAAQ    | false",
            "''                    | false"})
    void salesforceIdsAre15Or18LettersAndDigits(String id, boolean valid) {
        assertThat(RecordKeys.isSalesforceId(id)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "HubSpot id [{0}] valid: {1}")
    @CsvSource(delimiter = '|', value = {
            "20000000763          | true",
            "1                    | true",
            "0                    | false",
            "012                  | false",
            "-5                   | false",
            "12a                  | false",
            "1 OR 1=1             | false",
            "12345678901234567890 | false"})
    void hubSpotIdsArePositiveNumbers(String id, boolean valid) {
        assertThat(RecordKeys.isHubSpotId(id)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2026-12-07T10:00:00.123Z, 2026-12-07T10:00:00.123Z",
            "1772359200000,            2026-03-01T10:00:00Z",
            "100000000000,             1973-03-03T09:46:40Z"})
    void timesAreIsoInstantsOrEpochMilliseconds(String value, String expected) {
        assertThat(RecordKeys.instant(value)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({"20261207", "1733529600", "yesterday", "2026-12-07"})
    void numbersThatAreNotEpochMillisecondsAreRefused(String value) {
        assertThatThrownBy(() -> RecordKeys.instant(value)).isInstanceOf(DateTimeParseException.class);
    }
}
