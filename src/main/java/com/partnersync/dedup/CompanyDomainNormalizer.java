package com.partnersync.dedup;

import com.google.common.net.InternetDomainName;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Company domain from a website or an e-mail address: the registrable domain (public suffix list, so
 * "www.shop.acme.co.uk" is "acme.co.uk"), lower-case, no path. Free-mail domains are not company domains.
 */
public final class CompanyDomainNormalizer {
    /** Public-suffix lookups are the costly part and hosts repeat across leads; bounded so it cannot grow unchecked. */
    private static final int CACHE_LIMIT = 100_000;

    private final FreeMailDomains freeMail;
    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

    public CompanyDomainNormalizer(DedupProperties properties) {
        this.freeMail = new FreeMailDomains(properties.freeMailDomains());
    }

    public String fromWebsite(String website) {
        if (website == null || website.isBlank()) {
            return null;
        }
        String s = website.strip();
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        String authority;
        try {
            // the authority, not getHost(): URI leaves the host empty for internationalized names
            authority = new URI(s.replace(" ", "%20")).getAuthority();
        } catch (URISyntaxException e) {
            return null;
        }
        if (authority == null) {
            return null;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int port = host.lastIndexOf(':');
        return registrable(port < 0 ? host : host.substring(0, port));
    }

    /** Domain of a normalized e-mail, or null when it is a free-mail provider. */
    public String fromEmail(String normalizedEmail) {
        return normalizedEmail == null ? null : registrable(EmailNormalizer.domainOf(normalizedEmail));
    }

    /** The mail provider of a normalized e-mail's domain when it is free mail ("yahoo" for yahoo.de), else null. */
    public String freeMailProvider(String normalizedEmail) {
        String domain = EmailNormalizer.domainOf(normalizedEmail);
        return domain != null && freeMail.contains(domain) ? freeMail.provider(domain) : null;
    }

    private String registrable(String host) {
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        return cache.computeIfAbsent(host, h -> Optional.ofNullable(lookup(h))).orElse(null);
    }

    private String lookup(String host) {
        String ascii = EmailNormalizer.asciiDomain(host.toLowerCase(Locale.ROOT));
        if (ascii == null || !InternetDomainName.isValid(ascii)) {
            return null;
        }
        InternetDomainName name = InternetDomainName.from(ascii);
        if (!name.isUnderPublicSuffix()) {
            // "n/a", "localhost", a bare suffix: not a company's domain
            return null;
        }
        String domain = name.topPrivateDomain().toString();
        return freeMail.contains(domain) || freeMail.contains(ascii) ? null : domain;
    }
}
