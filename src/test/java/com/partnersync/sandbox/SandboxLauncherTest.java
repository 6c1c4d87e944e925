package com.partnersync.sandbox;

import com.partnersync.app.SettingBoundsFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox command's start-up: server up before the context, its client properties visible to every bean. */
class SandboxLauncherTest {
    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private static ConfigurableApplicationContext run(String... args) {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addListeners(new SandboxLauncher(() -> List.of(new SandboxServerTest.CountingApi("one")),
                Clock.fixed(Instant.parse("2026-11-30T15:45:00Z"), ZoneOffset.UTC)));
        return application.run(args);
    }

    @Test
    void startsTheServerFromConfigAndPassesTheClientPropertiesToTheApp() {
        SandboxServer server;
        try (ConfigurableApplicationContext context = run("--partner-sync.sandbox.seed=5", "--partner-sync.sandbox.scale=0.5",
                "--partner-sync.one.base-url=http://real-crm.example")) {
            server = context.getBean(SandboxServer.class);
            assertThat(server.wireMock().isRunning()).isTrue();
            assertThat(context.getEnvironment().getProperty("partner-sync.one.base-url")).isEqualTo(server.baseUrl() + "/one");
            SandboxDataset dataset = server.dataset();
            assertThat(dataset.seed()).isEqualTo(5);
            assertThat(dataset.asOf()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
            assertThat(dataset.count(Crm.HUBSPOT, "deals", true))
                    .isLessThan(SandboxDataset.builder().build().count(Crm.HUBSPOT, "deals", true));
        }
        assertThat(server.wireMock().isRunning()).isFalse();
    }

    @Test
    void anExplicitAsOfAndPortAreUsed() {
        try (ConfigurableApplicationContext context = run("--partner-sync.sandbox.as-of=2026-03-01T12:00:00Z",
                "--partner-sync.sandbox.port=0")) {
            SandboxServer server = context.getBean(SandboxServer.class);
            assertThat(server.dataset().asOf()).isEqualTo(SandboxDataset.DEFAULT_AS_OF);
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void changeEveryRenamesAnOpportunityAndADealInTurnUntilTheContextCloses() throws InterruptedException {
        java.util.concurrent.BlockingQueue<String> changes = new java.util.concurrent.LinkedBlockingQueue<>();
        try (ConfigurableApplicationContext context = run("--partner-sync.sandbox.scale=0.02",
                "--partner-sync.sandbox.change-every=50ms")) {
            SandboxDataset dataset = context.getBean(SandboxServer.class).dataset();
            dataset.addChangeListener((crm, object, before, after) -> changes.add(crm + " " + object + " "
                    + after.fields().get(crm == Crm.SALESFORCE ? "Name" : "dealname")));

            // two changes in a row are one of each, whichever came first
            List<String> two = List.of(changes.poll(10, java.util.concurrent.TimeUnit.SECONDS),
                    changes.poll(10, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(two).allMatch(change -> change.endsWith("(edited 2026-11-30T15:45:00Z)"))
                    .anyMatch(change -> change.startsWith("SALESFORCE Opportunity "))
                    .anyMatch(change -> change.startsWith("HUBSPOT deals "));
        }
        changes.clear();
        Thread.sleep(200);
        assertThat(changes).as("no changes after the context closed").isEmpty();
    }

    @Test
    void aSettingOutOfBoundsStopsStartUpBeforeTheServerStarts() {
        assertThatThrownBy(() -> run("--partner-sync.sandbox.scale=-1")).satisfies(failure ->
                assertThat(new SettingBoundsFailureAnalyzer().analyze(failure).getDescription())
                        .startsWith("Invalid setting partner-sync.sandbox.scale=-1: allowed 0..1000"));
    }
}
