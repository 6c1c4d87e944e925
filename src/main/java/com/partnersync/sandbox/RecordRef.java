package com.partnersync.sandbox;

/** Points at one sandbox record, e.g. a member of a planted duplicate group. */
public record RecordRef(Crm crm, String object, String id) {
}
