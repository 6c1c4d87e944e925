package com.partnersync.dedup;

import java.time.Instant;

/** The lead columns dedup reads, as stored (un-normalized). {@code id} is lead.id (or any unique id outside the database). */
public record LeadFields(long id, String firstName, String lastName, String email, String phone, String company,
                         String website, String street, String city, String postcode, String state, String country,
                         String submittedByPartnerId, Instant submittedAt, Instant createdAt) {
}
