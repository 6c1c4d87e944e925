package com.partnersync.salesforce.cdc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An object the org has not selected for Change Data Capture sends no events and Salesforce says nothing about it; the
 * connector reads the selection (Tooling API {@code PlatformEventChannelMember}) when it subscribes and names each
 * mapped object that will not stream, against the sandbox org with Lead not selected.
 */
class PlatformEventChannelMemberSelectionTest {
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(CdcEntitySelection.class);
    private CdcRig rig;

    @BeforeEach
    void start() {
        TestDatabase.truncateAll();
        rig = new CdcRig(SandboxDataset.builder().scale(0.02).build(), Set.of("Lead"));
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        logger.detachAppender(logs);
        rig.close();
    }

    private List<String> lines(Level level) {
        return logs.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void anObjectNotSelectedInTheOrgGetsOneLineAndStaysOnThePollingPath() throws Exception {
        rig.startSubscriber(applied -> { });

        assertThat(lines(Level.WARN)).singleElement().asString()
                .startsWith("salesforce Lead: Change Data Capture is not enabled for Lead in the org")
                .contains("LeadChangeEvent is not a selected entity of the ChangeEvents channel")
                .contains("arrive with the scheduled cycle");
        assertThat(lines(Level.INFO)).anySatisfy(line -> assertThat(line)
                .contains("Deal_Registration__c").contains("polled only: [Lead]"));

        // the org sends no event for the Lead change; the Opportunity change after it is the only one applied
        String lead = rig.dataset.pageAfter(Crm.SALESFORCE, "Lead", null, null, null, 1, false).get(0).id();
        String opportunity = rig.dataset.pageAfter(Crm.SALESFORCE, "Opportunity", null, null, null, 1, false).get(0).id();
        rig.dataset.update(Crm.SALESFORCE, "Lead", lead, Map.of("LastName", "Changed"));
        rig.dataset.update(Crm.SALESFORCE, "Opportunity", opportunity, Map.of("Name", "Changed"));
        await().atMost(Duration.ofSeconds(20)).until(() -> rig.stream().applied() >= 1);
        assertThat(rig.stream().applied()).isEqualTo(1);
    }

    @Test
    void aSelectionTheUserMayNotReadIsReportedAsUnknownAndTheStreamStillRuns() throws Exception {
        rig.sandbox().wireMock().stubFor(get(urlPathMatching("/services/data/v[0-9.]+/tooling/query")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("[{\"message\":\"Insufficient Privileges\",\"errorCode\":\"INSUFFICIENT_ACCESS\"}]")));

        CdcEntitySelection.Selection selection = new CdcEntitySelection(rig.client())
                .check("/data/ChangeEvents", CdcRig.MAPPINGS.objects("salesforce"));

        assertThat(selection.unknownBecause()).contains("403");
        assertThat(selection.streaming()).isEmpty();
        assertThat(selection.notStreaming()).as("unknown is not 'none selected'").isEmpty();
        assertThat(lines(Level.WARN)).singleElement().asString()
                .contains("could not read which objects the org selected for Change Data Capture")
                .contains("View Setup and Configuration");
    }

    @Test
    void aSingleEntityChannelStreamsOnlyItsObject() {
        CdcEntitySelection.Selection selection = new CdcEntitySelection(rig.client())
                .check("/data/OpportunityChangeEvent", List.of("Opportunity", "Account", "Lead"));

        assertThat(selection.streaming()).containsExactly("Opportunity");
        assertThat(selection.notStreaming()).containsExactly("Account", "Lead");
    }

    @ParameterizedTest(name = "{0} on {1}: {2}, members {3}")
    @CsvSource({
            "Account,              /data/ChangeEvents,         AccountChangeEvent,             ChangeEvents_",
            "Deal_Registration__c, /data/ChangeEvents,         Deal_Registration__ChangeEvent, ChangeEvents_",
            "Opportunity,          /data/AccountChangeEvent,   OpportunityChangeEvent,         ChangeEvents_",
            "Lead,                 /data/Partner_Sync__chn,    LeadChangeEvent,                Partner_Sync_chn_"})
    void changeEventNamesAndChannelMembersFollowSalesforcesNaming(String object, String channel, String entity,
                                                                   String prefix) {
        assertThat(CdcEntitySelection.changeEvent(object)).isEqualTo(entity);
        assertThat(CdcEntitySelection.memberPrefix(channel)).isEqualTo(prefix);
    }
}
