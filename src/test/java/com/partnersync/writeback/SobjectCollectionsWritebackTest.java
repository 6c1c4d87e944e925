package com.partnersync.writeback;

import com.partnersync.testsupport.SalesforceFake;
import org.junit.jupiter.api.BeforeEach;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.sync.ApiLimitReachedException;
import com.partnersync.mapping.MappedRow;
import com.partnersync.mapping.MappingResult;
import com.partnersync.salesforce.SalesforceApi;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Write-back to Salesforce through sObject Collections (PATCH /composite/sobjects), against WireMock. */
class SobjectCollectionsWritebackTest {
    static final WritebackMapping DEAL_REGISTRATION = new WritebackMapping("salesforce", "Deal_Registration__c", "deal_registration",
            orderedMap("status", "Deal_Reg_Status__c", "expires_at", "Deal_Reg_Expires__c", "acceptance_text", "Deal_Reg_Acceptance__c"),
            null, Map.of());
    static final WritebackProperties FAST_RETRIES = TestSettings.bind(WritebackProperties.class,
            "max-attempts", 3, "initial-backoff", "1ms", "max-backoff", "10ms", "max-retry-wait", "5s", "sample-size", 3);
    private static final String PATCH_PATH = SalesforceFake.COLLECTIONS + ".*";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    @RegisterExtension
    final SalesforceFake crm = new SalesforceFake();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    private WritebackService service(SalesforceApi api, WritebackMapping mapping) {
        return new WritebackService(TestDatabase.dataSource(), List.of(mapping), List.of(new SalesforceWriter(api, 200)), FAST_RETRIES);
    }

    private WritebackService service() {
        return service(crm.client(), DEAL_REGISTRATION);
    }

    static String id(int i) {
        return "a0X5e0%09dAAA".formatted(i);
    }

    /** A registration as synced (raw = what the CRM holds) whose status the rules then set. */
    static void approvedRegistrations(JdbcTemplate jdbc, int count, String crmStatus) {
        List<Object[]> rows = IntStream.range(0, count).mapToObj(i -> new Object[]{id(i),
                "{\"Id\":\"%s\",\"Deal_Reg_Id__c\":\"DR-%d\",\"Deal_Reg_Status__c\":%s,\"Deal_Reg_Expires__c\":%s,\"Deal_Reg_Acceptance__c\":%s}"
                        .formatted(id(i), i, crmStatus == null ? "null" : "\"" + crmStatus + "\"",
                                crmStatus == null ? "null" : "\"2027-02-28\"", crmStatus == null ? "null" : "\"Approved " + i + "\""),
                "DR-" + i, "Approved " + i}).toList();
        jdbc.batchUpdate("""
                insert into deal_registration (source_system, source_id, raw, deal_reg_id, status, expires_at, acceptance_text)
                values ('salesforce', ?, ?::jsonb, ?, 'APPROVED', '2027-02-28T00:00:00Z', ?)""", rows);
    }

    @Test
    void fourHundredFiftyChangedRecordsTakeExactlyThreeCollectionCalls() {
        approvedRegistrations(jdbc, 450, null);

        DrainReport report = service().drain();

        assertThat(crm.batchSizes("PATCH", PATCH_PATH)).containsExactly(200, 200, 50);
        assertThat(report.calls()).isEqualTo(3);
        assertThat(crm.records()).hasSize(450);
        assertThat(crm.records().get(id(7))).containsEntry("Deal_Reg_Status__c", "APPROVED")
                .containsEntry("Deal_Reg_Expires__c", "2027-02-28").containsEntry("Deal_Reg_Acceptance__c", "Approved 7");
        assertThat(jdbc.queryForObject("select count(*) from writeback_outbox where status = 'SENT'", Integer.class)).isEqualTo(450);
        assertThat(jdbc.queryForObject("select count(*) from writeback_field_state", Integer.class)).isEqualTo(1350);
    }

    @Test
    void valuesTheCrmAlreadyHoldsAreNeverSent() {
        approvedRegistrations(jdbc, 5, "APPROVED");

        DrainReport report = service().drain();

        assertThat(crm.calls("PATCH", PATCH_PATH)).isZero();
        assertThat(report.object("salesforce", "Deal_Registration__c").noop()).isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from writeback_outbox where status = 'NOOP'", Integer.class)).isEqualTo(5);
    }

    @Test
    void onlyTheFieldsThatDifferAreSent() {
        approvedRegistrations(jdbc, 1, "APPROVED");
        jdbc.update("update deal_registration set status = 'EXPIRED'");

        service().drain();

        assertThat(crm.records().get(id(0))).containsOnlyKeys("Id", "Deal_Reg_Status__c").containsEntry("Deal_Reg_Status__c", "EXPIRED");
    }

    @Test
    void oneFailingRecordLeavesTheOther199WrittenAndItselfInWritebackErrors() {
        approvedRegistrations(jdbc, 200, null);
        crm.fail(id(42), "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Expiry date must be after the approval date", "Deal_Reg_Expires__c", -1);

        DrainReport report = service().drain();

        assertThat(crm.calls("PATCH", PATCH_PATH)).isEqualTo(1);
        assertThat(report.object("salesforce", "Deal_Registration__c").written()).isEqualTo(199);
        assertThat(crm.records()).hasSize(199).doesNotContainKey(id(42));
        assertThat(jdbc.queryForList("select record_id, field, value, error_code, message from writeback_errors"))
                .containsExactly(Map.of("record_id", id(42), "field", "Deal_Reg_Expires__c", "value", "2027-02-28",
                        "error_code", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "message", "Expiry date must be after the approval date"));
    }

    @Test
    void aLockedRowIsRetriedWithBackoffAndThenWritten() {
        approvedRegistrations(jdbc, 3, null);
        crm.fail(id(1), "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: " + id(1), null, 1);

        DrainReport report = service().drain();

        assertThat(crm.batchSizes("PATCH", PATCH_PATH)).containsExactly(3, 1);
        assertThat(report.object("salesforce", "Deal_Registration__c").retried()).isEqualTo(1);
        assertThat(crm.records()).containsKey(id(1));
        assertThat(jdbc.queryForObject("select count(*) from writeback_errors", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select attempts from writeback_outbox where source_id = ?", Integer.class, id(1))).isEqualTo(2);
    }

    @Test
    void aRowStillLockedAfterTheLastAttemptBecomesAnError() {
        approvedRegistrations(jdbc, 1, null);
        crm.fail(id(0), "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", null, -1);

        service().drain();

        assertThat(crm.calls("PATCH", PATCH_PATH)).isEqualTo(FAST_RETRIES.maxAttempts());
        assertThat(jdbc.queryForList("select field, error_code from writeback_errors")).hasSize(3)
                .allSatisfy(row -> assertThat(row).containsEntry("error_code", "UNABLE_TO_LOCK_ROW"));
    }

    @Test
    void aCrashBetweenSendAndCommitDoesNotResendTheSucceededBatch() {
        approvedRegistrations(jdbc, 3, null);
        SalesforceApi real = crm.client();
        SalesforceApi dyingAfterTheCall = (method, path, body) -> {
            real.call(method, path, body);
            throw new IllegalStateException("process killed before the CRM answer was committed");
        };
        assertThatThrownBy(() -> service(dyingAfterTheCall, DEAL_REGISTRATION).drain()).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("select count(*) from writeback_outbox where status = 'SENDING'", Integer.class)).isEqualTo(3);

        DrainReport report = service().drain();

        assertThat(crm.calls("PATCH", PATCH_PATH)).isEqualTo(1);
        assertThat(crm.calls("GET", SalesforceFake.COLLECTIONS + "/Deal_Registration__c")).isEqualTo(1);
        assertThat(report.object("salesforce", "Deal_Registration__c").reconciled()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from writeback_outbox where status = 'SENT'", Integer.class)).isEqualTo(3);
    }

    @Test
    void aBatchRefusedByTheApiBudgetStopsTheDrainAndIsSentByTheNextOne() {
        approvedRegistrations(jdbc, 3, null);
        SalesforceApi exhausted = (method, path, body) -> {
            throw new ApiLimitReachedException("Salesforce API usage 90% of the daily limit");
        };

        DrainReport paused = service(exhausted, DEAL_REGISTRATION).drain();

        assertThat(paused.pausedLimit()).isTrue();
        assertThat(paused.calls()).isZero();
        assertThat(jdbc.queryForList("select status, attempts from writeback_outbox"))
                .hasSize(3).allSatisfy(row -> assertThat(row).containsEntry("status", "PENDING").containsEntry("attempts", 0));

        service().drain();

        assertThat(crm.calls("GET", SalesforceFake.COLLECTIONS + "/Deal_Registration__c")).isZero();
        assertThat(crm.batchSizes("PATCH", PATCH_PATH)).containsExactly(3);
        assertThat(crm.records()).hasSize(3);
    }

    @Test
    void echoOfOurOwnWriteOnTheNextSyncEnqueuesAndSendsNothing() {
        approvedRegistrations(jdbc, 2, null);
        service().drain();

        // the next incremental read returns both records with our values and a newer SystemModstamp
        WarehouseWriter warehouse = new WarehouseWriter(TestDatabase.dataSource());
        List<MappedRow> echo = crm.snapshot().entrySet().stream().map(e -> {
            Map<String, Object> columns = new LinkedHashMap<>();
            columns.put("crm_status", "approved");
            return new MappedRow("deal_registration", "salesforce", e.getKey(), Instant.now(), columns,
                    new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(e.getValue()).toString());
        }).toList();
        warehouse.commit(new PageCommit(0, "salesforce", "Deal_Registration__c", new MappingResult(echo, List.of(), List.of()), null));
        // and the rules re-run, computing the same values again
        jdbc.update("update deal_registration set status = status, expires_at = expires_at, acceptance_text = acceptance_text");

        assertThat(jdbc.queryForObject("select count(*) from writeback_outbox where status = 'PENDING'", Integer.class)).isZero();
        assertThat(service().drain().calls()).isZero();
        assertThat(crm.calls("PATCH", PATCH_PATH)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rewritten by the rules before the CRM was read again", "changed back before the CRM was read again"})
    void diffIsAgainstWhatWeLastWroteUntilTheCrmIsReadAgain(String scenario) {
        approvedRegistrations(jdbc, 1, null);
        service().drain();
        boolean changedBack = scenario.startsWith("changed back");
        jdbc.update("update deal_registration set status = 'EXPIRED'");
        if (changedBack) {
            service().drain();
            jdbc.update("update deal_registration set status = 'APPROVED'");
        }

        service().drain();

        // raw still says null everywhere: only what we wrote tells whether the CRM needs this value
        assertThat(crm.records().get(id(0))).containsEntry("Deal_Reg_Status__c", changedBack ? "APPROVED" : "EXPIRED");
        assertThat(crm.calls("PATCH", PATCH_PATH)).isEqualTo(changedBack ? 3 : 2);
    }

    @Test
    void aDrainWhileAnotherHoldsTheLockDoesNothing() throws Exception {
        approvedRegistrations(jdbc, 2, null);
        try (Connection otherProcess = TestDatabase.dataSource().getConnection(); Statement statement = otherProcess.createStatement()) {
            statement.execute("select pg_advisory_lock(" + WritebackService.DRAIN_LOCK + ")");

            assertThat(service().drain().busy()).isTrue();
            assertThat(crm.calls("PATCH", PATCH_PATH)).isZero();
        }

        assertThat(service().drain().busy()).isFalse();
        assertThat(crm.records()).hasSize(2);
    }

    @Test
    void upsertsByExternalIdWhereTheMappingConfiguresOne() {
        approvedRegistrations(jdbc, 2, null);
        WritebackMapping byExternalId = new WritebackMapping("salesforce", "Deal_Registration__c", "deal_registration",
                Map.of("status", "Deal_Reg_Status__c"), "Deal_Reg_Id__c", Map.of());

        service(crm.client(), byExternalId).drain();

        assertThat(crm.calls("PATCH", SalesforceFake.COLLECTIONS + "/Deal_Registration__c/Deal_Reg_Id__c")).isEqualTo(1);
        assertThat(crm.records()).containsOnlyKeys("DR-0", "DR-1");
        assertThat(crm.records().get("DR-1")).containsEntry("Deal_Reg_Status__c", "APPROVED");
    }

    static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
