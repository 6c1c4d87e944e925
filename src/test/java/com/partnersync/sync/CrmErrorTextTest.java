package com.partnersync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** CRM error bodies (recorded Salesforce fixtures, HubSpot's documented shape) reduced to their cause. */
class CrmErrorTextTest {
    private static String recordedBody(String fixture) throws IOException {
        try (InputStream in = CrmErrorTextTest.class.getResourceAsStream(fixture)) {
            return new ObjectMapper().readTree(in).path("response").path("body").asText();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "query-unknown-column.json | INVALID_FIELD: No such column 'Bacon__c' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names. (at 'Bacon__c', row 1 column 8)",
            "query-malformed-soql.json | MALFORMED_QUERY: unexpected token: SELEKT"})
    void salesforceErrorsKeepTheirCodeAndTheFieldAfterTheCaret(String fixture, String expected) throws IOException {
        assertThat(CrmErrorText.describe(recordedBody(fixture))).isEqualTo(expected);
    }

    @Test
    void theFieldNameSurvivesAQueryEchoLongerThanAnyCut() {
        String fields = "Name, ".repeat(400);
        String body = "[{\"message\":\"\\nSELECT " + fields + "Foo__c FROM Account\\n" + " ".repeat(7 + fields.length())
                + "^\\nERROR at Row:1:Column:" + (8 + fields.length()) + "\\nNo such column 'Foo__c' on entity 'Account'.\","
                + "\"errorCode\":\"INVALID_FIELD\"}]";

        String text = CrmErrorText.describe(body);

        assertThat(text).startsWith("INVALID_FIELD: No such column 'Foo__c' on entity 'Account'.").contains("(at 'Foo__c'");
        assertThat(text.length()).isLessThan(200);
    }

    @Test
    void salesforceRecordErrorsNameTheirFields() {
        assertThat(CrmErrorText.describe("""
                [{"message":"Required fields are missing: [Name]","errorCode":"REQUIRED_FIELD_MISSING","fields":["Name"]}]"""))
                .isEqualTo("REQUIRED_FIELD_MISSING: Required fields are missing: [Name] [fields: Name]");
    }

    @Test
    void hubSpotErrorsKeepCategoryDetailsAndCorrelationId() {
        assertThat(CrmErrorText.describe("""
                {"status":"error","message":"Property values were not valid","correlationId":"aeb5f871-7f07-4993-9211-075dc63e7cbf",
                 "category":"VALIDATION_ERROR","errors":[{"message":"Property \\"dealstage\\" does not exist","code":"PROPERTY_DOESNT_EXIST"}]}"""))
                .isEqualTo("VALIDATION_ERROR: Property values were not valid; Property \"dealstage\" does not exist"
                        + " (correlationId aeb5f871-7f07-4993-9211-075dc63e7cbf)");
    }

    @Test
    void aBodyThatIsNotJsonIsKeptOnOneLine() {
        assertThat(CrmErrorText.describe("<html>\n<body>Service Unavailable</body>\n</html>"))
                .isEqualTo("<html> <body>Service Unavailable</body> </html>");
        assertThat(CrmErrorText.describe("")).isEqualTo("(no body)");
    }
}
