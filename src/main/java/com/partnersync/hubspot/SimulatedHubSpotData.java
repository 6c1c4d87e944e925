package com.partnersync.hubspot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@link HubSpotSimulator} serves: CRM records ordered by (modifiedAt, id), their associations, and updates. */
public interface SimulatedHubSpotData {
    record Key(Instant modifiedAt, String id) {
    }

    /** @param fields CRM property name to value (HubSpot API names, as in mappings/hubspot/*.yml) */
    record Record(String id, Instant createdAt, Instant modifiedAt, boolean deleted, Map<String, Object> fields) {
    }

    /** Records after {@code afterExclusive} (null: from the start), modified in [since, before), ordered by (modifiedAt, id). */
    List<Record> pageAfter(String object, Key afterExclusive, Instant modifiedSince, Instant modifiedBefore, int limit,
                           boolean includeDeleted);

    /** Ids of {@code toObject} records associated with the record, the primary one first. */
    List<String> associations(String fromObject, String id, String toObject);

    void update(String object, String id, Map<String, Object> changes);

    /** The CRM error message a write to this record fails with, for records set up to fail. */
    Optional<String> writeFailure(String object, String id);
}
