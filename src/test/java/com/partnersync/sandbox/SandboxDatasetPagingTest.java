package com.partnersync.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** (modifiedAt, id) paging as the incremental sources use it: pageAfter with a cursor and modified-time windows. */
class SandboxDatasetPagingTest {
    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    private static SandboxDataset dataset(long leads) {
        return SandboxDataset.builder().seed(7).count(Crm.SALESFORCE, "Lead", leads)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static List<SandboxRecord> readAll(SandboxDataset data, Crm crm, String object, int limit, boolean deleted) {
        List<SandboxRecord> all = new ArrayList<>();
        Cursor cursor = null;
        while (true) {
            List<SandboxRecord> page = data.pageAfter(crm, object, cursor, null, null, limit, deleted);
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            cursor = page.get(page.size() - 1).cursor();
        }
    }

    @Test
    void sameSeedGivesIdenticalRecordsAndAnotherSeedDoesNot() {
        List<SandboxRecord> first = readAll(dataset(500), Crm.HUBSPOT, "deals", 300, true);
        List<SandboxRecord> again = readAll(dataset(500), Crm.HUBSPOT, "deals", 300, true);
        List<SandboxRecord> other = readAll(SandboxDataset.builder().seed(8).build(), Crm.HUBSPOT, "deals", 300, true);
        assertThat(again).isEqualTo(first);
        assertThat(other).hasSameSizeAs(first).isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 199, 2_000, 2_001, 10_000})
    void pagingNeverSkipsOrRepeatsAcrossBurstsAndPageBoundaries(int limit) {
        SandboxDataset data = dataset(6_000);
        assertThat(data.longestBurst(Crm.SALESFORCE, "Lead")).isGreaterThan(2_500);
        List<SandboxRecord> all = readAll(data, Crm.SALESFORCE, "Lead", limit, true);
        assertThat(all).hasSize(6_000);
        Set<String> ids = new HashSet<>();
        all.forEach(r -> ids.add(r.id()));
        assertThat(ids).hasSize(6_000);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).cursor()).isGreaterThan(all.get(i - 1).cursor());
        }
        assertThat(readAll(data, Crm.SALESFORCE, "Lead", limit, false))
                .hasSize((int) data.count(Crm.SALESFORCE, "Lead", false))
                .allMatch(r -> !r.deleted());
    }

    @Test
    void aBurstSharesOneTimestampWithIdsIncreasingInside() {
        SandboxDataset data = dataset(6_000);
        List<SandboxRecord> all = readAll(data, Crm.SALESFORCE, "Lead", 2_000, true);
        Map<Instant, Long> perTimestamp = all.stream().collect(java.util.stream.Collectors.groupingBy(
                SandboxRecord::modifiedAt, java.util.stream.Collectors.counting()));
        assertThat(perTimestamp.values().stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(2_500);
    }

    @Test
    void modifiedSinceIsInclusiveAndModifiedBeforeExclusive() {
        SandboxDataset data = dataset(3_000);
        List<SandboxRecord> all = readAll(data, Crm.SALESFORCE, "Lead", 5_000, true);
        Instant since = all.get(1_000).modifiedAt();
        Instant before = all.get(2_000).modifiedAt();
        List<SandboxRecord> expected = all.stream()
                .filter(r -> !r.modifiedAt().isBefore(since) && r.modifiedAt().isBefore(before)).toList();
        assertThat(data.pageAfter(Crm.SALESFORCE, "Lead", null, since, before, 5_000, true)).isEqualTo(expected);
        // a cursor inside the window narrows it further
        Cursor cursor = expected.get(10).cursor();
        assertThat(data.pageAfter(Crm.SALESFORCE, "Lead", cursor, since, before, 5_000, true))
                .isEqualTo(expected.subList(11, expected.size()));
    }

    @Test
    void anUpdateMovesTheRecordAfterACursorThatHadPassedIt() {
        SandboxDataset data = dataset(3_000);
        List<SandboxRecord> all = readAll(data, Crm.SALESFORCE, "Lead", 1_000, false);
        SandboxRecord target = all.get(100);
        Cursor end = all.get(all.size() - 1).cursor();

        SandboxRecord updated = data.update(Crm.SALESFORCE, "Lead", target.id(), Map.of("Status", "Working - Contacted"));

        assertThat(updated.modifiedAt()).isEqualTo(NOW);
        assertThat(updated.fields()).containsEntry("Status", "Working - Contacted")
                .containsEntry("LastModifiedDate", "2026-11-30T09:00:00.000+0000");
        assertThat(data.pageAfter(Crm.SALESFORCE, "Lead", end, null, null, 10, false)).containsExactly(updated);
        List<SandboxRecord> again = readAll(data, Crm.SALESFORCE, "Lead", 333, false);
        assertThat(again).hasSameSizeAs(all).endsWith(updated).doesNotContain(target);
        assertThat(data.record(Crm.SALESFORCE, "Lead", target.id())).contains(updated);
    }

    @Test
    void aDeleteHidesTheRecordUnlessDeletedAreAskedFor() {
        SandboxDataset data = dataset(3_000);
        long live = data.count(Crm.HUBSPOT, "contacts", false);
        SandboxRecord target = data.pageAfter(Crm.HUBSPOT, "contacts", null, null, null, 5, false).get(3);

        SandboxRecord archived = data.delete(Crm.HUBSPOT, "contacts", target.id());

        assertThat(archived.deleted()).isTrue();
        assertThat(data.count(Crm.HUBSPOT, "contacts", false)).isEqualTo(live - 1);
        assertThat(readAll(data, Crm.HUBSPOT, "contacts", 500, false)).noneMatch(r -> r.id().equals(target.id()));
        assertThat(data.pageAfter(Crm.HUBSPOT, "contacts", target.cursor(), null, null, 100_000, true)).last().isEqualTo(archived);
        assertThatThrownBy(() -> data.update(Crm.HUBSPOT, "contacts", target.id(), Map.of("firstname", "x")))
                .hasMessageContaining(target.id());
    }

    @Test
    void countsAgreeWithPagingAndAShareIsDeleted() {
        SandboxDataset data = SandboxDataset.builder().build();
        long total = 0;
        for (Crm crm : Crm.values()) {
            for (String object : data.objects(crm)) {
                long all = data.count(crm, object, true);
                long live = data.count(crm, object, false);
                assertThat(readAll(data, crm, object, 2_000, true)).as(object).hasSize((int) all);
                assertThat(live).as(object).isLessThan(all).isGreaterThan(all * 9 / 10);
                total += all;
            }
        }
        assertThat(total).isBetween(9_000L, 12_000L);
    }

    @Test
    void anUnknownObjectOrIdIsAClearError() {
        SandboxDataset data = dataset(1_000);
        assertThatThrownBy(() -> data.pageAfter(Crm.HUBSPOT, "Lead", null, null, null, 10, false))
                .hasMessageContaining("HUBSPOT has no object 'Lead'");
        assertThat(data.record(Crm.SALESFORCE, "Lead", "00Q000000000000AAA")).isEmpty();
        assertThatThrownBy(() -> SandboxDataset.builder().count(Crm.SALESFORCE, "Lead", 3).build())
                .hasMessageContaining("planted scenario records");
    }
}
