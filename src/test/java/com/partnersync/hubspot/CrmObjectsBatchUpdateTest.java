package com.partnersync.hubspot;

import com.partnersync.sandbox.hubspot.HubSpotSimulatorTransformer;
import com.fasterxml.jackson.databind.JsonNode;
import com.partnersync.sync.CrmApiException;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.RecordRef;
import com.partnersync.sandbox.SandboxDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Write-back's endpoint in the simulator: {@code POST /crm/v3/objects/deals/batch/update} with per-record errors. */
class CrmObjectsBatchUpdateTest {
    private static final String BATCH_UPDATE = "/crm/v3/objects/deals/batch/update";

    private final SandboxDataset data = SandboxDataset.builder().count(Crm.HUBSPOT, "deals", 200).build();
    private final HubSpotTestRig rig = HubSpotTestRig.withSimulator(data, HubSpotSimulatorTransformer.Limits.PRIVATE_APP_PRO);

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void updatesApplyAndARecordSetUpToFailComesBackAsA207Error() {
        String failing = data.scenarios().get("write-failure").stream()
                .filter(r -> r.crm() == Crm.HUBSPOT && r.object().equals("deals")).map(RecordRef::id).findFirst().orElseThrow();
        String healthy = data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, 50, false).stream()
                .filter(r -> data.writeFailure(Crm.HUBSPOT, "deals", r.id()).isEmpty()).findFirst().orElseThrow().id();

        JsonNode response = rig.client.call("POST", BATCH_UPDATE, Map.of("inputs", List.of(
                Map.of("id", healthy, "properties", Map.of("partner_tier", "Gold")),
                Map.of("id", failing, "properties", Map.of("partner_tier", "Gold")))));

        assertThat(response.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(response.path("numErrors").asInt()).isEqualTo(1);
        assertThat(response.path("results")).singleElement().satisfies(r -> assertThat(r.path("id").asText()).isEqualTo(healthy));
        assertThat(response.path("errors").get(0).path("context").path("ids").get(0).asText()).isEqualTo(failing);
        assertThat(response.path("errors").get(0).path("message").asText()).isNotBlank();
        assertThat(data.record(Crm.HUBSPOT, "deals", healthy).orElseThrow().fields()).containsEntry("partner_tier", "Gold");
        assertThat(data.record(Crm.HUBSPOT, "deals", failing).orElseThrow().fields()).doesNotContainEntry("partner_tier", "Gold");
    }

    @Test
    void moreThanOneHundredInputsAreRefusedLikeHubSpotDoes() {
        List<Map<String, Object>> inputs = IntStream.range(0, 101)
                .mapToObj(i -> Map.<String, Object>of("id", String.valueOf(i), "properties", Map.of())).toList();

        assertThatThrownBy(() -> rig.client.call("POST", BATCH_UPDATE, Map.of("inputs", inputs)))
                .isInstanceOfSatisfying(CrmApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("100");
    }
}
