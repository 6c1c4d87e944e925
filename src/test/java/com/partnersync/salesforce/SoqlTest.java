package com.partnersync.salesforce;

import com.partnersync.warehouse.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoqlTest {
    private static final Instant T = Instant.parse("2026-01-05T10:00:00.250Z");

    @Test
    void resumesStrictlyAfterTheCheckpointKeySoRecordsSharingItsTimestampAreNeitherSkippedNorReread() {
        assertThat(Soql.incremental("Opportunity", List.of("Name", "Account.Website", "Id"),
                new Checkpoint(T, "006B0000001AbCdEFG"), true))
                .isEqualTo("SELECT Id, SystemModstamp, IsDeleted, Name, Account.Website FROM Opportunity"
                        + " WHERE (SystemModstamp > 2026-01-05T10:00:00.250Z OR (SystemModstamp = 2026-01-05T10:00:00.250Z"
                        + " AND Id > '006B0000001AbCdEFG')) ORDER BY SystemModstamp, Id");
    }

    @Test
    void aFullLoadHasNoWhereAndBulkQueriesHaveNoOrderBy() {
        assertThat(Soql.incremental("Deal_Registration__c", List.of("Partner_Id__c"), null, false))
                .isEqualTo("SELECT Id, SystemModstamp, IsDeleted, Partner_Id__c FROM Deal_Registration__c");
    }

    @Test
    void aLookBackWindowStartsAtItsTimeInclusive() {
        assertThat(Soql.incremental("Lead", List.of("Email"), new Checkpoint(T, ""), true))
                .endsWith("FROM Lead WHERE SystemModstamp >= 2026-01-05T10:00:00.250Z ORDER BY SystemModstamp, Id");
    }

    @ParameterizedTest(name = "field {0} is rejected")
    @ValueSource(strings = {"Name FROM User --", "Name,Password__c", "Id) OR (Name", "Account..Name", "Account.",
            "1Name", "Name'", "Name WHERE Id != null", ""})
    void fieldsThatAreNotIdentifiersOrRelationshipPathsAreRejected(String field) {
        assertThatThrownBy(() -> Soql.incremental("Account", List.of(field), null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a Salesforce field name");
    }

    @ParameterizedTest(name = "object {0} is rejected")
    @ValueSource(strings = {"Account WHERE Name != null", "User;", "Account.Owner", "Acc-ount"})
    void objectsThatAreNotIdentifiersAreRejected(String object) {
        assertThatThrownBy(() -> Soql.incremental(object, List.of("Name"), null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a Salesforce object name");
    }

    @ParameterizedTest(name = "checkpoint id {0} is rejected")
    @ValueSource(strings = {"001' OR Name != '", "001B000000ABCDE' OR Id != '", "short"})
    void checkpointIdsThatAreNotRecordIdsNeverReachTheQuery(String id) {
        assertThatThrownBy(() -> Soql.incremental("Account", List.of("Name"), new Checkpoint(T, id), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a Salesforce record id");
    }

    @Test
    void changeEventsReadTheirRecordsByIdWithTheSameSelectList() {
        assertThat(Soql.byIds("Opportunity", List.of("Name", "Account.Website"), List.of("006A0000001AbCdEAF", "006A0000001AbCdEAG")))
                .isEqualTo("SELECT Id, SystemModstamp, IsDeleted, Name, Account.Website FROM Opportunity "
                        + "WHERE Id IN ('006A0000001AbCdEAF', '006A0000001AbCdEAG')");
    }

    @ParameterizedTest(name = "record id {0} from a change event is rejected")
    @ValueSource(strings = {"006A0000001AbCdEAF') OR (Name != '", "006'", "short"})
    void changeEventIdsThatAreNotRecordIdsNeverReachTheQuery(String id) {
        assertThatThrownBy(() -> Soql.byIds("Opportunity", List.of("Name"), List.of(id)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a Salesforce record id");
    }

    @ParameterizedTest(name = "{0} ids per query are refused")
    @ValueSource(ints = {0, 201})
    void aQueryByIdNamesOneTo200Records(int count) {
        List<String> ids = java.util.stream.IntStream.range(0, count).mapToObj(i -> String.format("006A%014d", i)).toList();
        assertThatThrownBy(() -> Soql.byIds("Opportunity", List.of("Name"), ids))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 200 ids");
    }
}
