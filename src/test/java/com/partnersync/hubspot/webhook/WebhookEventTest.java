package com.partnersync.hubspot.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The events of a HubSpot webhook call, generic (object.*) and legacy (contact.*, company.*, deal.*) formats. */
class WebhookEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.ofEpochMilli(1796659200000L);

    private static List<WebhookEvent> parse(String json) throws Exception {
        return WebhookEvent.parse(JSON.readTree(json));
    }

    @ParameterizedTest(name = "{0} ({1}) -> {2} {3}")
    @CsvSource({
            "object.creation,       0-1,  contacts,  creation,       false",
            "object.propertyChange, 0-2,  companies, propertyChange, false",
            "object.deletion,       0-3,  deals,     deletion,       true",
            "object.restore,        0-3,  deals,     restore,        false",
            "object.creation,       0-47, meetings,  creation,       false",
            "object.propertyChange, 0-48, calls,     propertyChange, false",
            "contact.propertyChange, '',  contacts,  propertyChange, false",
            "company.deletion,       '',  companies, deletion,       true",
            "deal.restore,           '',  deals,     restore,        false",
            "contact.privacyDeletion,'',  contacts,  privacyDeletion, true"})
    void readsTheObjectAndKindOfEachSubscriptionType(String type, String typeId, String object, String kind,
                                                      boolean deletion) throws Exception {
        String json = "[{\"subscriptionType\":\"" + type + "\",\"objectId\":123,\"occurredAt\":1796659200000"
                + (typeId.isEmpty() ? "" : ",\"objectTypeId\":\"" + typeId + "\"") + "}]";

        WebhookEvent event = parse(json).get(0);

        assertThat(event).isEqualTo(new WebhookEvent(object, "123", kind, AT));
        assertThat(event.deletion()).isEqualTo(deletion);
    }

    @Test
    void anAssociationChangeNamesBothRecords() throws Exception {
        assertThat(parse("""
                [{"subscriptionType":"object.associationChange","fromObjectTypeId":"0-3","fromObjectId":11,
                  "toObjectTypeId":"0-2","toObjectId":22,"associationRemoved":false,"occurredAt":1796659200000},
                 {"subscriptionType":"deal.associationChange","associationType":"DEAL_TO_CONTACT","fromObjectId":11,
                  "toObjectId":33,"associationRemoved":true,"occurredAt":1796659200000}]"""))
                .containsExactly(new WebhookEvent("deals", "11", "associationChange", AT),
                        new WebhookEvent("companies", "22", "associationChange", AT),
                        new WebhookEvent("deals", "11", "associationChange", AT),
                        new WebhookEvent("contacts", "33", "associationChange", AT));
    }

    @Test
    void aMergeReadsThePrimaryAndDeletesTheMergedRecords() throws Exception {
        assertThat(parse("""
                [{"subscriptionType":"contact.merge","objectId":44,"primaryObjectId":44,"mergedObjectIds":[45,46],
                  "occurredAt":1796659200000}]"""))
                .containsExactly(new WebhookEvent("contacts", "44", "merge", AT),
                        new WebhookEvent("contacts", "45", "deletion", AT),
                        new WebhookEvent("contacts", "46", "deletion", AT));
    }

    @Test
    void anUnknownObjectTypeHasNoObjectAndABodyThatIsNotAnArrayIsRefused() throws Exception {
        assertThat(parse("[{\"subscriptionType\":\"object.creation\",\"objectTypeId\":\"2-123456\",\"objectId\":1,\"occurredAt\":0}]")
                .get(0).object()).isNull();
        assertThatThrownBy(() -> parse("{\"subscriptionType\":\"object.creation\"}"))
                .hasMessageContaining("JSON array");
    }
}
