package com.partnersync.sandbox;

import java.util.List;

/**
 * Ground truth for lead deduplication: records planted as one real person ({@link SandboxDataset#plantedDuplicateGroups()})
 * or as look-alikes that are different people and must stay apart ({@link SandboxDataset#plantedLookAlikes()}).
 * {@code reason} says what makes them (look) alike, e.g. "email case and plus-address variants".
 */
public record DuplicateGroup(String reason, List<RecordRef> members) {
    public DuplicateGroup {
        members = List.copyOf(members);
    }
}
