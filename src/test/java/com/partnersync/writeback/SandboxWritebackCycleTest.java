package com.partnersync.writeback;

import com.partnersync.PartnerSyncApplication;
import com.partnersync.app.Command;
import com.partnersync.app.SyncCycle;
import com.partnersync.sandbox.SandboxLauncher;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole product against the sandbox CRMs: sync -> rules -> dedup -> write-back (the {@code sandbox} command's
 * cycle), then a second cycle reads our writes back and must send nothing: the loop converges.
 */
class SandboxWritebackCycleTest {
    private static final String WRITE_CALLS = """
            select count(*) from writeback_outbox where status in ('SENT', 'FAILED') or attempts > 0""";

    @Test
    void secondCycleAfterWriteBackSendsNoWrites() {
        TestDatabase.truncateAll();
        JdbcTemplate jdbc = TestDatabase.jdbc();
        SpringApplication application = new SpringApplication(PartnerSyncApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Command.parse("sandbox").defaultProperties());
        application.addListeners(new SandboxLauncher());
        try (ConfigurableApplicationContext context = application.run("sandbox",
                "--spring.datasource.url=" + TestDatabase.jdbcUrl(), "--partner-sync.sandbox.scale=0.05")) {
            // the sandbox command has run the first cycle while starting
            assertThat(jdbc.queryForList("select distinct source_system from writeback_outbox where status = 'SENT'", String.class))
                    .as("CRMs written to by the first cycle").containsExactlyInAnyOrder("salesforce", "hubspot");
            assertThat(jdbc.queryForObject("select count(*) from writeback_field_state", Integer.class)).isPositive();
            int writesBefore = jdbc.queryForObject(WRITE_CALLS, Integer.class);
            SandboxServer sandbox = context.getBean(SandboxServer.class);
            sandbox.wireMock().resetRequests();

            SyncCycle.Result second = context.getBean(SyncCycle.class).run("sync --once");

            assertThat(second.failedSteps()).isEmpty();
            assertThat(jdbc.queryForObject(WRITE_CALLS, Integer.class)).as("outbox entries sent by the second cycle").isEqualTo(writesBefore);
            long writeRequests = sandbox.wireMock().getAllServeEvents().stream()
                    .map(e -> e.getRequest().getMethod().getName() + " " + e.getRequest().getUrl())
                    .filter(r -> r.startsWith("PATCH") && r.contains("/composite/sobjects") || r.contains("/batch/update"))
                    .count();
            assertThat(writeRequests).as("write calls in the second cycle").isZero();
        }
    }
}
