package com.partnersync.sandbox;

import com.partnersync.PartnerSyncApplication;
import com.partnersync.app.Command;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar partner-sync.jar sandbox} end to end, as the README's first command runs it: the sandbox CRMs start
 * before the application, one cycle syncs every object of both into the model, and the planted bad values end up in
 * sync_error naming record and field while the rest loads.
 */
class SandboxCommandTest {
    private static final List<String> MODEL_TABLES = List.of("partner", "account", "opportunity", "activity", "lead",
            "deal_registration", "deal_registration_status_history");

    @Test
    void oneCycleFillsEveryModelTableFromBothCrmsAndRecordsPlantedBadValues() {
        TestDatabase.truncateAll();
        JdbcTemplate jdbc = TestDatabase.jdbc();
        try (ConfigurableApplicationContext context = PartnerSyncApplication.application(Command.parse("sandbox"))
                .run("sandbox", "--spring.datasource.url=" + TestDatabase.jdbcUrl(), "--partner-sync.sandbox.scale=0.05")) {
            SandboxDataset dataset = context.getBean(SandboxServer.class).dataset();

            for (String table : MODEL_TABLES) {
                assertThat(jdbc.queryForObject("select count(*) from " + table, Long.class)).as(table).isPositive();
            }
            Map<String, Long> read = jdbc.queryForList("select source_system || '/' || object as o, read_count from sync_run_object")
                    .stream().collect(Collectors.toMap(r -> (String) r.get("o"), r -> ((Number) r.get("read_count")).longValue()));
            for (Crm crm : Crm.values()) {
                for (String object : dataset.objects(crm)) {
                    // deleted ones count only for a source that reads them (Salesforce queryAll)
                    assertThat(read.get(crm.sourceSystem() + "/" + object)).as(crm + " " + object + " read")
                            .isBetween(dataset.count(crm, object, false), dataset.count(crm, object, true));
                }
            }
            for (RecordRef bad : dataset.scenarios().get("malformed-value")) {
                assertThat(jdbc.queryForObject("""
                                select count(*) from sync_error
                                where source_system = ? and record_id = ? and field is not null and message <> ''""",
                        Long.class, bad.crm().sourceSystem(), bad.id())).as(bad.toString()).isPositive();
            }
        }
    }
}
