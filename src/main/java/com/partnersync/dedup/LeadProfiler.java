package com.partnersync.dedup;

import org.apache.commons.codec.language.DoubleMetaphone;

/** Builds a {@link MatchProfile} from stored lead fields with the normalizers. */
public final class LeadProfiler {
    private final EmailNormalizer emails;
    private final CompanyDomainNormalizer domains;
    private final PhoneNormalizer phones;
    private final NameNormalizer names;
    private final DoubleMetaphone metaphone = new DoubleMetaphone();

    public LeadProfiler(DedupProperties properties) {
        this.emails = new EmailNormalizer(properties);
        this.domains = new CompanyDomainNormalizer(properties);
        this.phones = new PhoneNormalizer(properties);
        this.names = new NameNormalizer(properties);
    }

    public MatchProfile profile(LeadFields lead) {
        String email = emails.normalize(lead.email());
        String domain = domains.fromWebsite(lead.website());
        if (domain == null) {
            domain = domains.fromEmail(email);
        }
        String first = names.person(lead.firstName());
        String last = names.person(lead.lastName());
        String postcode = NameNormalizer.text(lead.postcode());
        String street = NameNormalizer.text(lead.street());
        // names, companies, places and keys repeat across leads: sharing one copy keeps a million profiles in 1 GB
        return new MatchProfile(lead.id(), email, phones.normalize(lead.phone(), lead.country()), intern(first),
                intern(last), intern(names.company(lead.company())), intern(domain), street,
                intern(NameNormalizer.text(lead.city())), intern(postcode == null ? null : postcode.replace(" ", "")),
                intern(NameNormalizer.text(lead.state())), intern(phonetic(first)), intern(phonetic(last)),
                streetKey(street));
    }

    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    private String streetKey(String street) {
        if (street == null) {
            return null;
        }
        String[] words = street.split(" ");
        if (words.length < 2 || !Character.isDigit(words[0].charAt(0))) {
            return null;
        }
        String code = phonetic(words[1]);
        return code == null ? null : words[0] + "|" + code;
    }

    private String phonetic(String name) {
        if (name == null) {
            return null;
        }
        String code = metaphone.doubleMetaphone(name.replace(" ", ""));
        return code == null || code.isEmpty() ? null : code;
    }
}
