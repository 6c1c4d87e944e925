package com.partnersync.dedup;

import org.apache.commons.codec.language.DoubleMetaphone;

import java.util.Set;
import java.util.stream.Collectors;

/** Builds a {@link MatchProfile} from stored lead fields with the normalizers; placeholder values count as missing. */
public final class LeadProfiler {
    private final EmailNormalizer emails;
    private final CompanyDomainNormalizer domains;
    private final PhoneNormalizer phones;
    private final NameNormalizer names;
    private final Set<String> placeholders;
    private final Set<String> roleMailboxes;
    private final DoubleMetaphone metaphone = new DoubleMetaphone();

    public LeadProfiler(DedupProperties properties) {
        this.emails = new EmailNormalizer(properties);
        this.domains = new CompanyDomainNormalizer(properties);
        this.phones = new PhoneNormalizer(properties);
        this.names = new NameNormalizer(properties);
        this.placeholders = properties.placeholderValues().stream().map(NameNormalizer::text)
                .filter(v -> v != null).collect(Collectors.toUnmodifiableSet());
        this.roleMailboxes = Set.copyOf(properties.roleMailboxes());
    }

    public MatchProfile profile(LeadFields lead) {
        String email = emails.normalize(real(lead.email()));
        String local = email == null ? null : email.substring(0, email.indexOf('@'));
        if (local != null && placeholders.contains(NameNormalizer.text(local))) {
            // unknown@acme.com, none@none.com: a form's filler, not a mailbox
            email = null;
        }
        String domain = domains.fromWebsite(real(lead.website()));
        if (domain == null) {
            domain = domains.fromEmail(email);
        }
        String first = real(names.person(lead.firstName()));
        String last = real(names.person(lead.lastName()));
        String postcode = real(NameNormalizer.text(lead.postcode()));
        String street = real(NameNormalizer.text(lead.street()));
        String firstKey = intern(phonetic(first));
        String lastKey = intern(phonetic(last));
        // names, companies, places and keys repeat across leads: sharing one copy keeps a million profiles in 1 GB
        return new MatchProfile(lead.id(), email, phones.normalize(real(lead.phone()), real(lead.country())),
                intern(first), intern(last), intern(real(names.company(lead.company()))), intern(domain), street,
                intern(real(NameNormalizer.text(lead.city()))),
                intern(postcode == null ? null : postcode.replace(" ", "")),
                intern(real(NameNormalizer.text(lead.state()))), firstKey, lastKey, streetKey(street),
                intern(domains.freeMailProvider(email)), local != null && email != null && isRole(local),
                person(firstKey, lastKey));
    }

    /** The value, or null when it is a placeholder such as "[not provided]", "N/A" or "-". */
    private String real(String value) {
        String text = value == null ? null : NameNormalizer.text(value);
        return text == null || placeholders.contains(text) ? null : value;
    }

    private boolean isRole(String local) {
        String base = local.split("[.\\-_]", 2)[0];
        return roleMailboxes.contains(local) || roleMailboxes.contains(base);
    }

    /** Order-free phonetic full name: the second blocking key and the person an identifier is counted for. */
    static String person(String firstKey, String lastKey) {
        if (firstKey == null || lastKey == null) {
            return null;
        }
        return firstKey.compareTo(lastKey) <= 0 ? firstKey + "|" + lastKey : lastKey + "|" + firstKey;
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
