package com.partnersync.dedup;

/**
 * One lead normalized for matching. Phonetic keys are Double Metaphone codes of the names (commons-codec), so
 * "Steven"/"Stephen" and "Meyer"/"Maier" block together; the street key is the house number and the phonetic code
 * of the next word ("11|KPLN" for both "11 Copland Drive" and "11 coplanddrive").
 */
public record MatchProfile(long id, String email, String phone, String firstName, String lastName, String company,
                           String companyDomain, String street, String city, String postcode, String state,
                           String firstKey, String lastKey, String streetKey) {
}
