package com.partnersync.dedup;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code partner-sync.dedup.*}; the defaults are declared here (maps in the constructor) and explained in docs/dedup.md.
 *
 * @param defaultRegion         region (ISO 3166 alpha-2) for phone numbers written without a country code when the lead
 *                              has no country
 * @param stripPlusTag          drop "+tag" from the local part: every large provider and most company mail servers
 *                              deliver it to the same box
 * @param dotInsensitiveDomains providers that ignore dots in the local part (Gmail delivers j.doe@ to jdoe@); others
 *                              treat them as significant
 * @param emailDomainAliases    domains that are the same mailbox namespace
 * @param freeMailDomains       free-mail / consumer providers: their domain says nothing about the company a person
 *                              works for
 * @param legalSuffixes         legal-form words dropped from company names so "Acme, Inc." equals "ACME GmbH"
 * @param weights               relative weight of each field in the similarity score; only fields present on both leads
 *                              count
 * @param threshold             weighted similarity at or above which two leads are the same person
 * @param minNameSimilarity     Jaro-Winkler below which a first or last name counts as different (typos of one name
 *                              stay above it)
 * @param maxBlockSize          blocks larger than this are not expanded into pairs (a key that common does not identify
 *                              a person)
 */
@Validated
@ConfigurationProperties("partner-sync.dedup")
public record DedupProperties(
        @DefaultValue("US") @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter ISO 3166 region") String defaultRegion,
        @DefaultValue("true") boolean stripPlusTag,
        @DefaultValue({"gmail.com", "googlemail.com"}) List<String> dotInsensitiveDomains,
        Map<String, String> emailDomainAliases,
        @DefaultValue({"gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com", "hotmail.com",
                "hotmail.co.uk", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com",
                "proton.me", "protonmail.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "mail.ru",
                "yandex.ru", "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com", "hey.com", "orange.fr",
                "free.fr", "libero.it", "naver.com"}) List<String> freeMailDomains,
        @DefaultValue({"inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "gmbh", "ag", "kg", "kgaa", "ug", "corp",
                "corporation", "co", "company", "plc", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "pty", "oy", "ab",
                "as", "aps", "se", "kk"}) List<String> legalSuffixes,
        Map<String, @PositiveOrZero Double> weights,
        @DefaultValue("0.78") @DecimalMin("0.0") @DecimalMax("1.0") double threshold,
        @DefaultValue("0.6") @DecimalMin("0.0") @DecimalMax("1.0") double minNameSimilarity,
        @DefaultValue("100") @Min(2) @Max(100_000) int maxBlockSize) {

    public DedupProperties {
        dotInsensitiveDomains = List.copyOf(dotInsensitiveDomains);
        emailDomainAliases = emailDomainAliases == null ? Map.of("googlemail.com", "gmail.com") : Map.copyOf(emailDomainAliases);
        freeMailDomains = List.copyOf(freeMailDomains);
        legalSuffixes = List.copyOf(legalSuffixes);
        weights = weights == null ? defaultWeights() : Map.copyOf(weights);
    }

    private static Map<String, Double> defaultWeights() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("email", 4.0);
        w.put("phone", 3.0);
        w.put("first_name", 1.5);
        w.put("last_name", 2.0);
        w.put("company", 1.0);
        w.put("company_domain", 1.0);
        w.put("street", 2.0);
        w.put("city", 1.0);
        w.put("postcode", 1.0);
        w.put("state", 0.5);
        return w;
    }
}
