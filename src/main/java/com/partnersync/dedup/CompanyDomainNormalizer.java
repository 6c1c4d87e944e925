package com.partnersync.dedup;

import com.google.common.net.InternetDomainName;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Company domain from a website or an e-mail address: the registrable domain (public suffix list, so
 * "shop.acme.co.uk" is "acme.co.uk"), lower-case, no www., no path. Free-mail domains are not company domains.
 */
public final class CompanyDomainNormalizer {
    private final Set<String> freeMailDomains;

    public CompanyDomainNormalizer(DedupProperties properties) {
        this.freeMailDomains = Set.copyOf(properties.getFreeMailDomains());
    }

    public String fromWebsite(String website) {
        if (website == null || website.isBlank()) {
            return null;
        }
        String s = website.strip();
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        String host;
        try {
            host = new URI(s.replace(" ", "%20")).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
        return host == null ? null : registrable(host);
    }

    /** Domain of a normalized e-mail, or null when it is a free-mail provider. */
    public String fromEmail(String normalizedEmail) {
        return normalizedEmail == null ? null : registrable(EmailNormalizer.domainOf(normalizedEmail));
    }

    private String registrable(String host) {
        String ascii = EmailNormalizer.asciiDomain(host.toLowerCase(Locale.ROOT));
        if (ascii == null || !InternetDomainName.isValid(ascii)) {
            return null;
        }
        InternetDomainName name = InternetDomainName.from(ascii);
        String domain = name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : ascii;
        if (domain.startsWith("www.")) {
            domain = domain.substring(4);
        }
        return freeMailDomains.contains(domain) || freeMailDomains.contains(ascii) ? null : domain;
    }
}
