package com.partnersync.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The keys that make two leads candidates. EMAIL and PHONE are exact keys (a shared value is itself strong evidence);
 * the others are blocks: leads sharing one are compared by {@link PairScorer}, so work grows with block sizes, not n².
 * Several independent blocks let a duplicate with a typo in one field still meet its original through another, and
 * name blocks hold each name on its own because first and last name are often swapped.
 */
public enum MatchKey {
    EMAIL("email", (p, out) -> out.add(p.email())),
    PHONE("phone", (p, out) -> out.add(p.phone())),
    DOMAIN_NAME("domain_name", (p, out) -> eachName(p, p.companyDomain(), out)),
    NAME_POSTCODE("name_postcode", (p, out) -> eachName(p, p.postcode(), out)),
    NAME_CITY("name_city", (p, out) -> eachName(p, p.city(), out)),
    NAME_STREET_NUMBER("name_street_number", (p, out) -> eachName(p, firstWord(p.street()), out)),
    FULL_NAME("full_name", (p, out) -> out.add(p.person())),
    STREET("street", (p, out) -> out.add(p.streetKey())),
    POSTCODE_STREET_NUMBER("postcode_street_number", (p, out) -> out.add(join(p.postcode(), firstWord(p.street()))));

    private final String keyType;
    private final BiConsumer<MatchProfile, List<String>> values;

    MatchKey(String keyType, BiConsumer<MatchProfile, List<String>> values) {
        this.keyType = keyType;
        this.values = values;
    }

    /** lead_match_key.key_type */
    public String keyType() {
        return keyType;
    }

    /** The keys of a lead (none when a field they need is missing). */
    public List<String> of(MatchProfile profile) {
        List<String> out = new ArrayList<>(2);
        values.accept(profile, out);
        out.removeIf(v -> v == null);
        return out;
    }

    private static void eachName(MatchProfile p, String other, List<String> out) {
        if (other != null) {
            out.add(join(p.firstKey(), other));
            if (p.lastKey() != null && !p.lastKey().equals(p.firstKey())) {
                out.add(join(p.lastKey(), other));
            }
        }
    }

    private static String join(String a, String b) {
        return a == null || b == null ? null : a + "|" + b;
    }

    private static String firstWord(String s) {
        if (s == null) {
            return null;
        }
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }
}
