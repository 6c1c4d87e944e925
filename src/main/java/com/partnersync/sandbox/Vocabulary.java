package com.partnersync.sandbox;

import java.util.List;
import java.util.SplittableRandom;

/** Word lists the generated records draw names, places and picklist values from. */
final class Vocabulary {
    static final List<String> FIRST_NAMES = List.of("Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Mia", "Ethan",
            "Sofia", "Mateo", "Chloe", "Arjun", "Hana", "Felix", "Leila", "Tomas", "Ingrid", "Kwame", "Yuki", "Priya",
            "Diego", "Nora", "Omar", "Greta", "Ravi", "Elena", "Samuel", "Aisha", "Jonas", "Camila");
    static final List<String> LAST_NAMES = List.of("Johnson", "Nguyen", "Schmidt", "Okafor", "Rossi", "Tanaka", "Novak",
            "Fischer", "Haddad", "Silva", "Kowalski", "Andersen", "Dubois", "Patel", "O'Brien", "Moreau", "Ivanova",
            "Larsen", "Costa", "Becker", "Yilmaz", "Walsh", "Lindqvist", "Mendes", "Hoffmann", "Kaur", "Brennan");
    static final List<String> COMPANY_WORDS = List.of("Apex", "Blue", "Cedar", "Delta", "Ember", "Fjord", "Granite",
            "Harbor", "Iris", "Juniper", "Keystone", "Lumen", "Maple", "Nimbus", "Orbit", "Pioneer", "Quartz", "Ridge",
            "Summit", "Tidal", "Union", "Vertex", "Willow", "Zenith");
    static final List<String> COMPANY_SUFFIXES = List.of("Analytics", "Logistics", "Health", "Labs", "Systems", "Foods",
            "Energy", "Retail", "Capital", "Robotics", "Media", "Works");
    static final List<String> INDUSTRIES = List.of("Technology", "Healthcare", "Retail", "Manufacturing", "Finance",
            "Education", "Energy", "Media");
    static final List<String> REGIONS = List.of("NA", "EMEA", "APAC", "LATAM");
    static final List<String> SEGMENTS = List.of("SMB", "Mid-Market", "Enterprise");
    static final List<String> CITIES = List.of("Austin|TX|US|78701", "Denver|CO|US|80202", "Toronto|ON|CA|M5V 2T6",
            "Berlin||DE|10115", "Lyon||FR|69002", "Leeds||GB|LS1 4AP", "Sydney|NSW|AU|2000", "Boston|MA|US|02108");
    static final List<String> TITLES = List.of("VP Sales", "Head of RevOps", "CTO", "IT Director", "Procurement Manager",
            "CFO", "Marketing Manager", "Operations Lead");
    static final List<String> BUYER_ROLES = List.of("Economic Buyer", "Champion", "Technical Buyer", "Decision Maker");
    static final List<String> PROBLEMS = List.of("Consolidate partner data from two CRMs",
            "Replace spreadsheet-based deal registration", "Reduce lead routing conflicts",
            "Automate partner commission reporting", "Migrate legacy billing integration");
    static final List<String> PRODUCTS = List.of("Core", "Analytics", "Integrations", "Support Plus");
    static final List<String> OWNER_FUNCTIONS = List.of("AE", "SE", "CSM", "PartnerAE");
    static final List<String> SALESFORCE_STAGES = List.of("Prospecting", "Qualification", "Needs Analysis",
            "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
            "Negotiation/Review", "Closed Won", "Closed Lost");
    static final List<String> HUBSPOT_STAGES = List.of("appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
            "decisionmakerboughtin", "contractsent", "closedwon", "closedlost");
    static final List<String> LEAD_STATUSES = List.of("Open - Not Contacted", "Working - Contacted",
            "Closed - Converted", "Closed - Not Converted");
    static final List<String> HUBSPOT_LEAD_STATUSES = List.of("NEW", "OPEN", "IN_PROGRESS", "CONNECTED", "UNQUALIFIED");
    static final List<String> HUBSPOT_SOURCES = List.of("ORGANIC_SEARCH", "PAID_SEARCH", "REFERRALS", "DIRECT_TRAFFIC",
            "SOCIAL_MEDIA", "OFFLINE");
    static final List<String> PAID_CHANNELS = List.of("google_ads", "linkedin_ads", "meta_ads", "capterra");

    private Vocabulary() {
    }

    static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    /** "Apex Logistics" and its domain "apexlogistics.com" for generated company number {@code n}. */
    static String companyName(long n) {
        return COMPANY_WORDS.get((int) (n % COMPANY_WORDS.size())) + " "
                + COMPANY_SUFFIXES.get((int) (n / COMPANY_WORDS.size() % COMPANY_SUFFIXES.size()))
                + (n < COMPANY_WORDS.size() * COMPANY_SUFFIXES.size() ? "" : " " + (n / (COMPANY_WORDS.size() * COMPANY_SUFFIXES.size()) + 1));
    }

    static String domain(String companyName) {
        return companyName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".com";
    }
}
