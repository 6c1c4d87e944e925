package com.partnersync.dedup;

/**
 * One lead normalized for matching. Phonetic keys are Double Metaphone codes of the names (commons-codec), so
 * "Steven"/"Stephen" and "Meyer"/"Maier" block together; the street key is the house number and the phonetic code
 * of the next word ("11|KPLN" for both "11 Copland Drive" and "11 coplanddrive"). {@code freeMailProvider} is set
 * when the e-mail is at a consumer provider ("yahoo" for yahoo.de), {@code roleEmail} when its mailbox is a role
 * (info@, sales@); {@code person} is the order-free phonetic full name, null without both names.
 */
public record MatchProfile(long id, String email, String phone, String firstName, String lastName, String company,
                           String companyDomain, String street, String city, String postcode, String state,
                           String firstKey, String lastKey, String streetKey, String freeMailProvider,
                           boolean roleEmail, String person) {
}
