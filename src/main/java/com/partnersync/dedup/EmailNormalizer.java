package com.partnersync.dedup;

import java.net.IDN;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * E-mail to its mailbox identity: trimmed, lower-case, IDN domain in ASCII, "+tag" dropped and dots removed for
 * providers that ignore them. Returns null for anything that is not one address.
 */
public final class EmailNormalizer {
    private final boolean stripPlusTag;
    private final Set<String> dotInsensitiveDomains;
    private final Map<String, String> domainAliases;

    public EmailNormalizer(DedupProperties properties) {
        this.stripPlusTag = properties.stripPlusTag();
        this.dotInsensitiveDomains = Set.copyOf(properties.dotInsensitiveDomains());
        this.domainAliases = Map.copyOf(properties.emailDomainAliases());
    }

    public String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        // "Jane Doe <jane@acme.com>" as pasted from a mail client
        int lt = s.lastIndexOf('<');
        if (lt >= 0 && s.endsWith(">")) {
            s = s.substring(lt + 1, s.length() - 1).strip();
        }
        if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
            s = s.substring(7);
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.chars().anyMatch(Character::isWhitespace) || s.indexOf('@') != at) {
            return null;
        }
        String local = s.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = asciiDomain(s.substring(at + 1));
        if (domain == null || !domain.contains(".")) {
            return null;
        }
        domain = domainAliases.getOrDefault(domain, domain);
        if (stripPlusTag) {
            int plus = local.indexOf('+');
            if (plus > 0) {
                local = local.substring(0, plus);
            }
        }
        if (dotInsensitiveDomains.contains(domain)) {
            local = local.replace(".", "");
        }
        return local.isEmpty() ? null : local + "@" + domain;
    }

    /** The domain part of an already normalized address. */
    static String domainOf(String normalizedEmail) {
        return normalizedEmail == null ? null : normalizedEmail.substring(normalizedEmail.indexOf('@') + 1);
    }

    static String asciiDomain(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            return IDN.toASCII(d, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
