package com.partnersync.mapping;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** What PostgreSQL text and jsonb refuse (U+0000, unpaired UTF-16 surrogates) is removed; everything else is kept. */
class TextSanitizerTest {
    static Stream<Arguments> texts() {
        return Stream.of(
                arguments("plain", "plain", ""),
                arguments("Acme\u0000 Corp", "Acme Corp", "1 NUL (U+0000)"),
                arguments("\u0000\u0000", "", "2 NUL (U+0000)"),
                arguments("emoji \uD83D\uDE00 kept", "emoji \uD83D\uDE00 kept", ""),
                arguments("cut emoji \uD83D", "cut emoji ", "1 unpaired surrogate (U+D83D)"),
                arguments("\uDE00 low alone", " low alone", "1 unpaired surrogate (U+DE00)"),
                arguments("both\u0000\uD800", "both", "1 NUL (U+0000), 1 unpaired surrogate (U+D800)"),
                arguments("ünïcödé 漢字", "ünïcödé 漢字", ""));
    }

    @ParameterizedTest(name = "[{index}] removed: {2}")
    @MethodSource("texts")
    void removesOnlyWhatPostgreSqlCannotStore(String input, String cleaned, String removed) {
        assertThat(TextSanitizer.clean(input)).isEqualTo(cleaned);
        assertThat(TextSanitizer.describeRemoved(input)).isEqualTo(removed);
        if (removed.isEmpty()) {
            assertThat(TextSanitizer.clean(input)).isSameAs(input);
        }
    }

    static Stream<Arguments> jsonTexts() {
        return Stream.of(
                arguments("{\"Name\":\"Acme\"}", "{\"Name\":\"Acme\"}"),
                arguments("{\"Name\":\"Ac\\u0000me\"}", "{\"Name\":\"Acme\"}"),
                arguments("{\"Name\":\"a\\ud83d\"}", "{\"Name\":\"a\"}"),
                arguments("{\"Name\":\"a\\uDE00b\"}", "{\"Name\":\"ab\"}"),
                arguments("{\"Name\":\"\\ud83d\\ude00\"}", "{\"Name\":\"\\ud83d\\ude00\"}"),
                arguments("{\"Name\":\"\\\\u0000 is text\"}", "{\"Name\":\"\\\\u0000 is text\"}"),
                arguments("{\"Name\":\"\\u00e9\\n\"}", "{\"Name\":\"\\u00e9\\n\"}"),
                arguments("{\"Name\":\"lit\u0000eral\"}", "{\"Name\":\"literal\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonTexts")
    void cleansJsonEscapesAndLiteralCharacters(String json, String cleaned) {
        assertThat(TextSanitizer.cleanJson(json)).isEqualTo(cleaned);
    }

    @Test
    void aRepairedRecordCarriesOneWarningPerFieldAndTheCleanedPayload() {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("Name", "Owner\u0000");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Name", "Deal \uD83D");
        fields.put("Account", account);
        fields.put("Tags", List.of("ok", "b\u0000ad"));
        fields.put("Amount", 12.5);
        SourceRecord record = new SourceRecord("salesforce", "Opportunity", "006A00000000001AAA", Instant.EPOCH, false,
                fields, "{\"Name\":\"Deal \\ud83d\",\"Account\":{\"Name\":\"Owner\\u0000\"}}");
        List<RecordError> warnings = new ArrayList<>();

        SourceRecord clean = TextSanitizer.clean(record, warnings);

        assertThat(clean.fields()).containsEntry("Name", "Deal ").containsEntry("Account", Map.of("Name", "Owner"))
                .containsEntry("Tags", List.of("ok", "bad")).containsEntry("Amount", 12.5);
        assertThat(clean.rawJson()).isEqualTo("{\"Name\":\"Deal \",\"Account\":{\"Name\":\"Owner\"}}");
        assertThat(warnings).extracting(RecordError::field, RecordError::problem, RecordError::warning).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Name", TextSanitizer.PROBLEM, true),
                org.assertj.core.groups.Tuple.tuple("Account.Name", TextSanitizer.PROBLEM, true),
                org.assertj.core.groups.Tuple.tuple("Tags", TextSanitizer.PROBLEM, true));
        assertThat(warnings.get(0).message()).isEqualTo(TextSanitizer.PROBLEM + ": '1 unpaired surrogate (U+D83D)'");
        assertThat(warnings).allSatisfy(w -> assertThat(w.rawJson()).isEqualTo(clean.rawJson()));
    }

    @Test
    void aCleanRecordIsPassedThroughUntouched() {
        SourceRecord record = new SourceRecord("hubspot", "deals", "1", Instant.EPOCH, false,
                Map.of("dealname", "Renewal \uD83D\uDE00"), "{\"id\":\"1\"}");
        List<RecordError> warnings = new ArrayList<>();

        assertThat(TextSanitizer.clean(record, warnings)).isSameAs(record);
        assertThat(warnings).isEmpty();
    }
}
