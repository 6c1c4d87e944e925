package com.partnersync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.partnersync.sandbox.SandboxContent.hubspotId;
import static com.partnersync.sandbox.SandboxContent.relationship;
import static com.partnersync.sandbox.SandboxContent.salesforceId;
import static com.partnersync.sandbox.SystemFields.date;
import static com.partnersync.sandbox.SystemFields.hubspotDateTime;
import static com.partnersync.sandbox.SystemFields.salesforceDateTime;

/**
 * The planted scenario records: the cases the rules, attribution, dedup and error handling must meet, with dates
 * relative to {@code asOf}. Each is tagged with a scenario name ({@link SandboxDataset#scenarios()}). Planted records
 * reference only planted records, and generated ones only generated ones, so the cases stay exactly as described.
 */
final class Plan {
    /** model partner type, Salesforce picklist label (varied spellings), HubSpot value, partner name. */
    static final List<String[]> PARTNER_TYPES = List.of(
            new String[]{"advocate", "Advocate", "advocate", "Brightpath Advocates"},
            new String[]{"referral", "Referral", "referral", "Referral Network Co"},
            new String[]{"affiliate", "Marketing", "affiliate", "Clickwave Media"},
            new String[]{"strategic", "Co-Marketing", "co_marketing", "Northstar Alliances"},
            new String[]{"integration", "ISV", "integration", "Stackbridge Software"},
            new String[]{"reseller", "Reseller", "reseller", "Channelworks Resale"},
            new String[]{"services", "Services", "services", "Cobalt Consulting"},
            new String[]{"msp", "MSP", "msp", "Ironclad Managed IT"},
            new String[]{"marketplace", "Marketplace", "marketplace", "CloudShelf Marketplace"},
            new String[]{"white_label", "White Label", "white_label", "Whitebox Solutions"});
    private static final int[] MARKET_RELEVANCE = {85, 30, 70, 90, 75, 60, 20, 40, 95, 15};
    private static final SandboxError CUSTOM_VALIDATION = new SandboxError(400, "FIELD_CUSTOM_VALIDATION_EXCEPTION",
            "Closed opportunities can only be edited by Sales Operations.", List.of());

    private final Instant today;
    private final Map<String, List<ObjectSpec.Planted>> planted = new HashMap<>();
    final List<DuplicateGroup> duplicates = new ArrayList<>();
    final List<DuplicateGroup> lookAlikes = new ArrayList<>();

    Plan(Instant asOf) {
        this.today = asOf.truncatedTo(ChronoUnit.DAYS);
    }

    static String partnerId(int partner) {
        return String.format(java.util.Locale.ROOT, "P-%03d", partner + 1);
    }

    List<ObjectSpec.Planted> planted(Crm crm, String object) {
        return planted.getOrDefault(crm + "/" + object, List.of());
    }

    /** 10:00 UTC on the day {@code days} from asOf (negative: before). */
    private Instant day(int days) {
        return today.plus(Duration.ofDays(days)).plus(Duration.ofHours(10));
    }

    private RecordRef plant(Crm crm, String object, String scenario, Map<String, Object> fields,
                            Map<String, List<String>> associations, SandboxError writeFailure) {
        List<ObjectSpec.Planted> list = planted.computeIfAbsent(crm + "/" + object, k -> new ArrayList<>());
        list.add(new ObjectSpec.Planted(scenario, fields, associations, writeFailure));
        long index = list.size() - 1L;
        return new RecordRef(crm, object, crm == Crm.SALESFORCE ? salesforceId(object, index) : hubspotId(object, index));
    }

    private RecordRef plant(Crm crm, String object, String scenario, Map<String, Object> fields) {
        return plant(crm, object, scenario, fields, Map.of(), null);
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        return SandboxContent.orderedMap(keysAndValues);
    }

    void plantAll() {
        partners();
        Map<String, RecordRef> accounts = customerAccounts();
        Map<String, RecordRef> companies = hubspotCompanies();
        Map<String, RecordRef> opportunities = salesforceOpportunities(accounts);
        dealRegistrations(accounts, opportunities);
        salesforceActivities(accounts, opportunities);
        Map<String, RecordRef> contacts = people(accounts, companies);
        hubspotDealsAndActivities(companies, contacts);
    }

    private void partners() {
        for (int i = 0; i < PARTNER_TYPES.size(); i++) {
            String[] type = PARTNER_TYPES.get(i);
            String domain = Vocabulary.domain(type[3]);
            String program = i == 5 || i == 7 || i == 9 ? "Reseller Program" : i == 4 || i == 8 ? "Technology Partners" : "Referral Program";
            plant(Crm.SALESFORCE, "Account", "partner/" + type[0], fields("Name", type[3], "Type", "Partner",
                    "Website", "https://www." + domain, "Partner_Id__c", partnerId(i), "Partner_Type__c", type[1],
                    "Overlap_Reason__c", null, "Integration_Present__c", i == 4, "Region__c", Vocabulary.REGIONS.get(i % 4),
                    "Segment__c", "Mid-Market", "Industry", "Technology", "NumberOfEmployees", 40 + 25 * i,
                    "AnnualRevenue", 2_000_000.0 + 500_000.0 * i, "Partner_Program__c", program,
                    "Market_Relevance__c", MARKET_RELEVANCE[i]));
            plant(Crm.HUBSPOT, "companies", "partner/" + type[0], fields("name", type[3], "domain", domain,
                    "website", "https://www." + domain, "type", type[0].equals("reseller") ? "RESELLER" : "PARTNER",
                    "partner_id", partnerId(i), "partner_type", type[2], "overlap_reason", null,
                    "integration_present", Boolean.toString(i == 4), "region", Vocabulary.REGIONS.get(i % 4),
                    "segment", "Mid-Market", "industry", "COMPUTER_SOFTWARE", "numberofemployees", Integer.toString(40 + 25 * i),
                    "annualrevenue", Integer.toString(2_000_000 + 500_000 * i), "partner_program", program,
                    "market_relevance", Integer.toString(MARKET_RELEVANCE[i])));
        }
    }

    /** Salesforce customer accounts the deal-registration and attribution cases hang off, keyed by a short name. */
    private Map<String, RecordRef> customerAccounts() {
        Map<String, RecordRef> accounts = new LinkedHashMap<>();
        String[][] rows = {
                // key, name, website, partner, overlap reason
                {"globex", "Globex Corporation", "https://www.globex.com", "1", "Referred"},
                {"initech", "Initech", "http://initech.com/", null, null},
                {"umbrella", "Umbrella Health", "https://umbrellahealth.com", "1", "Shared customer"},
                {"stark", "Stark Logistics", "www.starklogistics.com", "2", "Referred"},
                {"wayne", "Wayne Analytics", "https://www.wayneanalytics.com", "4", "Integration user"},
                {"tyrell", "Tyrell Robotics", "https://tyrellrobotics.com", "5", "Shared customer"},
                {"hooli", "Hooli Media", "https://hooli.com", "3", "Co-marketing"},
                {"northwind", "Northwind Traders", "https://www.northwind-traders.com", null, null}};
        for (int i = 0; i < rows.length; i++) {
            String[] row = rows[i];
            accounts.put(row[0], plant(Crm.SALESFORCE, "Account", "account/with-partner-fields", fields("Name", row[1],
                    "Type", "Customer", "Website", row[2], "Partner_Id__c", row[3] == null ? null : partnerId(Integer.parseInt(row[3])),
                    "Partner_Type__c", null, "Overlap_Reason__c", row[4], "Integration_Present__c", i % 2 == 0,
                    "Region__c", Vocabulary.REGIONS.get(i % 4), "Segment__c", Vocabulary.SEGMENTS.get(i % 3),
                    "Industry", Vocabulary.INDUSTRIES.get(i), "NumberOfEmployees", 200 * (i + 1),
                    "AnnualRevenue", 10_000_000.0 * (i + 1))));
        }
        accounts.put("locked", plant(Crm.SALESFORCE, "Account", "write-failure", fields("Name", "Cyberdyne Systems",
                "Type", "Customer", "Website", "https://cyberdyne.example", "Integration_Present__c", false,
                "Region__c", "NA", "Segment__c", "Enterprise"), Map.of(), new SandboxError(400, "ENTITY_IS_LOCKED",
                "This record is locked. If you need to edit it, contact your admin", List.of())));
        return accounts;
    }

    private Map<String, RecordRef> hubspotCompanies() {
        Map<String, RecordRef> companies = new LinkedHashMap<>();
        String[][] rows = {{"soylent", "Soylent Foods", "soylentfoods.com", "0"}, {"vandelay", "Vandelay Industries",
                "vandelay.com", null}, {"massive", "Massive Dynamic", "massivedynamic.com", "8"}};
        for (String[] row : rows) {
            companies.put(row[0], plant(Crm.HUBSPOT, "companies", "account/with-partner-fields", fields("name", row[1],
                    "domain", row[2], "website", "https://www." + row[2], "type", "CUSTOMER",
                    "partner_id", row[3] == null ? null : partnerId(Integer.parseInt(row[3])), "partner_type", null,
                    "overlap_reason", row[3] == null ? null : "Referred", "integration_present", "true", "region", "EMEA",
                    "segment", "Enterprise", "industry", "FOOD_PRODUCTION", "numberofemployees", "1200",
                    "annualrevenue", "48000000")));
        }
        companies.put("malformed", plant(Crm.HUBSPOT, "companies", "malformed-value", fields("name", "Oscorp",
                "domain", "oscorp.com", "website", "https://oscorp.com", "type", "CUSTOMER",
                "integration_present", "maybe", "numberofemployees", "about 300", "region", "NA")));
        return companies;
    }

    private Map<String, Object> opportunity(RecordRef account, String name, String stage, String leadSource) {
        boolean closed = stage.startsWith("Closed");
        Map<String, Object> f = fields("Name", name, "AccountId", account.id(), "StageName", stage, "Amount", 48_000.0,
                "IsClosed", closed, "IsWon", stage.equals("Closed Won"), "CloseDate", date(day(closed ? -20 : 45)),
                "LeadSource", leadSource, "Paid_Channel__c", null, "Fraud_Flag__c", false, "Partner_Influence__c", false,
                "Influence_Partner_Id__c", null, "Partner_Id__c", null, "Deal_Reg_Id__c", null, "Co_Sell__c", false,
                "Private_Offer__c", false, "Marketplace__c", false, "Offer_Id__c", null,
                "Expected_Close_Date__c", date(day(closed ? -20 : 50)), "Product_Mix__c", "Core;Analytics",
                "Discount__c", 10, "Take_Rate__c", null);
        return f;
    }

    private Map<String, RecordRef> salesforceOpportunities(Map<String, RecordRef> accounts) {
        Map<String, RecordRef> opportunities = new LinkedHashMap<>();
        for (String stage : Vocabulary.SALESFORCE_STAGES) {
            plant(Crm.SALESFORCE, "Opportunity", "opportunity/stage/" + stage,
                    opportunity(accounts.get("initech"), "Initech - " + stage, stage, "Web"));
        }
        opportunities.put("direct", plant(Crm.SALESFORCE, "Opportunity", "attribution/direct",
                opportunity(accounts.get("northwind"), "Northwind - Core", "Negotiation/Review", "Phone Inquiry")));
        Map<String, Object> sourced = opportunity(accounts.get("globex"), "Globex - Platform", "Proposal/Price Quote", "Partner Referral");
        sourced.putAll(fields("Partner_Id__c", partnerId(1), "Deal_Reg_Id__c", "DR-S001"));
        opportunities.put("partner-sourced", plant(Crm.SALESFORCE, "Opportunity", "attribution/partner-sourced", sourced));
        Map<String, Object> paid = opportunity(accounts.get("initech"), "Initech - Analytics", "Qualification", "Paid Search");
        paid.put("Paid_Channel__c", "google_ads");
        plant(Crm.SALESFORCE, "Opportunity", "attribution/paid", paid);
        Map<String, Object> offer = opportunity(accounts.get("umbrella"), "Umbrella - Marketplace renewal", "Closed Won",
                "AWS Marketplace");
        offer.putAll(fields("Marketplace__c", true, "Private_Offer__c", true, "Offer_Id__c", "offer-7xk2m9q4r1z8a",
                "Partner_Id__c", partnerId(8), "Take_Rate__c", 3));
        plant(Crm.SALESFORCE, "Opportunity", "attribution/marketplace-private-offer", offer);
        Map<String, Object> fraud = opportunity(accounts.get("stark"), "Stark - Affiliate signup", "Closed Won", "Partner Referral");
        fraud.putAll(fields("Fraud_Flag__c", true, "Partner_Id__c", partnerId(2)));
        plant(Crm.SALESFORCE, "Opportunity", "attribution/fraud-flagged", fraud);
        Map<String, Object> influence = opportunity(accounts.get("hooli"), "Hooli - Expansion", "Value Proposition", "Web");
        influence.putAll(fields("Partner_Influence__c", true, "Influence_Partner_Id__c", partnerId(3)));
        opportunities.put("influence", plant(Crm.SALESFORCE, "Opportunity", "attribution/influence", influence));
        Map<String, Object> coSell = opportunity(accounts.get("wayne"), "Wayne - Integrations", "Needs Analysis", "Other");
        coSell.putAll(fields("Co_Sell__c", true, "Partner_Id__c", partnerId(4)));
        plant(Crm.SALESFORCE, "Opportunity", "attribution/co-sell", coSell);
        Map<String, Object> malformed = opportunity(accounts.get("initech"), "Initech - Support", "Prospecting", "Web");
        malformed.put("Amount", "12k");
        plant(Crm.SALESFORCE, "Opportunity", "malformed-value", malformed);
        plant(Crm.SALESFORCE, "Opportunity", "write-failure",
                opportunity(accounts.get("northwind"), "Northwind - Renewal", "Closed Lost", "Web"), Map.of(), CUSTOM_VALIDATION);
        return opportunities;
    }

    private void dealRegistration(String scenario, String id, int partner, RecordRef account, String accountName,
                                  String url, String buyerRole, String problem, Integer nextMeetingDay, int submittedDay,
                                  Integer approvedDay, String status, RecordRef opportunity) {
        plant(Crm.SALESFORCE, "Deal_Registration__c", "deal-registration/" + scenario, fields("Name", id,
                "Deal_Reg_Id__c", id, "Partner_Id__c", partnerId(partner), "Program__c", "Referral Program",
                "Account_Name__c", accountName, "Account_URL__c", url, "Account__c", account == null ? null : account.id(),
                "Opportunity__c", opportunity == null ? null : opportunity.id(), "Buyer_Role__c", buyerRole,
                "Problem_Statement__c", problem, "Next_Meeting_Date__c", nextMeetingDay == null ? null : date(day(nextMeetingDay)),
                "Submitted_At__c", salesforceDateTime(day(submittedDay)),
                "Approved_At__c", approvedDay == null ? null : salesforceDateTime(day(approvedDay)), "Status__c", status));
    }

    private void dealRegistrations(Map<String, RecordRef> accounts, Map<String, RecordRef> opportunities) {
        String role = "Economic Buyer";
        String problem = "Consolidate partner data from two CRMs";
        dealRegistration("valid", "DR-S001", 1, accounts.get("globex"), "Globex Corporation", "https://www.globex.com",
                role, problem, 5, -12, -10, "Approved", opportunities.get("partner-sourced"));
        dealRegistration("valid", "DR-S002", 0, null, "Soylent Foods", "https://www.soylentfoods.com/",
                "Champion", "Replace spreadsheet-based deal registration", 6, -9, -8, "Approved", null);
        dealRegistration("missing-account-url", "DR-S003", 6, accounts.get("initech"), "Initech", null,
                role, problem, 7, -5, null, "Submitted", null);
        dealRegistration("missing-buyer-role", "DR-S004", 6, accounts.get("initech"), "Initech", "http://initech.com/",
                null, problem, 7, -5, null, "Submitted", null);
        dealRegistration("missing-problem-statement", "DR-S005", 6, accounts.get("initech"), "Initech", "initech.com",
                role, " ", 7, -5, null, "Pending", null);
        dealRegistration("missing-next-meeting-date", "DR-S006", 6, accounts.get("initech"), "Initech", "initech.com",
                role, problem, null, -5, null, "Submitted", null);
        dealRegistration("missing-several-fields", "DR-S007", 7, null, "Initech", null, null, null, null, -4, null,
                "Submitted", null);
        dealRegistration("expired", "DR-S008", 1, accounts.get("umbrella"), "Umbrella Health", "https://umbrellahealth.com",
                role, problem, -115, -122, -120, "Approved", null);
        dealRegistration("stale", "DR-S009", 2, accounts.get("stark"), "Stark Logistics", "www.starklogistics.com",
                role, problem, -35, -42, -40, "Approved", null);
        dealRegistration("conflict-with-discovery/first", "DR-S010", 4, accounts.get("wayne"), "Wayne Analytics",
                "https://www.wayneanalytics.com", role, problem, 3, -20, -19, "Approved", null);
        dealRegistration("conflict-with-discovery/second", "DR-S011", 6, accounts.get("wayne"), "Wayne Analytics Inc.",
                "wayneanalytics.com", "Technical Buyer", "Reduce lead routing conflicts", 4, -10, null, "Submitted", null);
        dealRegistration("conflict-without-discovery/first", "DR-S012", 5, accounts.get("tyrell"), "Tyrell Robotics",
                "https://tyrellrobotics.com", role, problem, 2, -18, -17, "Approved", null);
        dealRegistration("conflict-without-discovery/second", "DR-S013", 7, accounts.get("tyrell"), "Tyrell Robotics",
                "http://TyrellRobotics.com/contact", "Champion", "Automate partner commission reporting", 5, -8, null,
                "Submitted", null);
        dealRegistration("rejected", "DR-S014", 9, accounts.get("hooli"), "Hooli Media", "https://hooli.com", role,
                problem, 9, -6, null, "Rejected", null);
        plant(Crm.SALESFORCE, "Deal_Registration__c", "malformed-value", fields("Name", "DR-S015", "Deal_Reg_Id__c", "DR-S015",
                "Partner_Id__c", partnerId(1), "Account_Name__c", "Initech", "Account_URL__c", "initech.com",
                "Buyer_Role__c", role, "Problem_Statement__c", problem, "Next_Meeting_Date__c", "2026-02-30",
                "Submitted_At__c", salesforceDateTime(day(-3)), "Status__c", "Submitted"));
    }

    private Map<String, Object> event(RecordRef account, RecordRef what, String subject, int day, Integer partner,
                                      String owners) {
        Instant at = day(day);
        return fields("Subject", subject, "ActivityDateTime", salesforceDateTime(at), "ActivityDate", date(at),
                "AccountId", account.id(), "WhatId", what == null ? null : what.id(),
                "Partner_Id__c", partner == null ? null : partnerId(partner), "Joint_Meeting__c", partner != null,
                "Meeting_Count__c", 1, "Next_Step_Date__c", date(at.plus(Duration.ofDays(7))), "Owner_Functions__c", owners);
    }

    private void salesforceActivities(Map<String, RecordRef> accounts, Map<String, RecordRef> opportunities) {
        plant(Crm.SALESFORCE, "Event", "meeting/joint", event(accounts.get("globex"), opportunities.get("partner-sourced"),
                "Joint discovery with Referral Network", -3, 1, "AE;PartnerAE"));
        // a meeting every two weeks since its approval, so the expired registration expires by the 90 days alone
        for (int day = -118; day < 0; day += 14) {
            plant(Crm.SALESFORCE, "Event", "meeting/keeps-expired-registration-active", event(accounts.get("umbrella"), null,
                    "Renewal check-in", day, null, "CSM"));
        }
        plant(Crm.SALESFORCE, "Event", "meeting/last-before-stale", event(accounts.get("stark"), null,
                "Kick-off", -30, 2, "AE;PartnerAE"));
        plant(Crm.SALESFORCE, "Event", "meeting/discovery-before-conflict", event(accounts.get("wayne"), null,
                "Discovery with Stackbridge", -25, 4, "AE;SE;PartnerAE"));
        plant(Crm.SALESFORCE, "Event", "meeting/joint", event(accounts.get("hooli"), opportunities.get("influence"),
                "Co-marketing planning", -7, 3, "AE;PartnerAE"));
        Map<String, Object> malformed = event(accounts.get("initech"), null, "Demo", -2, null, "AE");
        malformed.put("ActivityDateTime", "2026-02-29T25:00:00.000+0000");
        plant(Crm.SALESFORCE, "Event", "malformed-value", malformed);
        String[][] tasks = {{"Call", "Call: pricing questions", "partner-sourced"}, {"Email", "Email: proposal sent", "influence"},
                {"Task", "Prepare mutual action plan", null}};
        for (String[] task : tasks) {
            RecordRef opportunity = task[2] == null ? null : opportunities.get(task[2]);
            plant(Crm.SALESFORCE, "Task", "task/" + task[0].toLowerCase(java.util.Locale.ROOT), fields("TaskSubtype", task[0],
                    "Subject", task[1], "ActivityDate", date(day(-2)), "AccountId", accounts.get(task[2] == null ? "initech"
                            : task[2].equals("influence") ? "hooli" : "globex").id(),
                    "WhatId", opportunity == null ? null : opportunity.id(), "Partner_Id__c", task[2] == null ? null : partnerId(1),
                    "Joint_Meeting__c", false, "Next_Step_Date__c", date(day(4)), "Owner_Functions__c", "AE;SE"));
        }
    }

    /** A person as a Salesforce Lead; {@code submitted} is days from asOf, or a raw (malformed) value. */
    private RecordRef lead(String scenario, String first, String last, String email, String phone, String company,
                           String website, String country, String partner, String motion, Object submitted) {
        Map<String, Object> f = Person.planted(first, last, email, phone, company, website, country)
                .putInto(new LinkedHashMap<>(), Person.Naming.SALESFORCE_LEAD);
        f.putAll(fields("Status", "Open - Not Contacted", "LeadSource", partner == null ? "Web" : "Partner Referral",
                "Sales_Motion__c", motion, "Submitted_By_Partner_Id__c", partner,
                "Submitted_At__c", submitted instanceof Integer days ? salesforceDateTime(day(days)) : submitted));
        return plant(Crm.SALESFORCE, "Lead", scenario, f);
    }

    /** A person as a HubSpot contact; {@code submitted} is days from asOf, or a raw (malformed) value. */
    private RecordRef contact(String scenario, String first, String last, String email, String phone, String company,
                              String website, String country, String partner, String motion, Object submitted,
                              RecordRef hubspotCompany) {
        Map<String, Object> f = Person.planted(first, last, email, phone, company, website, country)
                .putInto(new LinkedHashMap<>(), Person.Naming.HUBSPOT_CONTACT);
        f.putAll(fields("hs_lead_status", "NEW", "hs_analytics_source", partner == null ? "ORGANIC_SEARCH" : "REFERRALS",
                "sales_motion", motion, "submitted_by_partner_id", partner,
                "partner_submitted_at", submitted instanceof Integer days ? hubspotDateTime(day(days)) : submitted));
        return plant(Crm.HUBSPOT, "contacts", scenario, f,
                hubspotCompany == null ? Map.of() : Map.of("companies", List.of(hubspotCompany.id())), null);
    }

    private void group(String reason, RecordRef... members) {
        duplicates.add(new DuplicateGroup(reason, List.of(members)));
    }

    private Map<String, RecordRef> people(Map<String, RecordRef> accounts, Map<String, RecordRef> companies) {
        String dup = "duplicate-lead";
        RecordRef maria = lead(dup, "Maria", "Gonzalez", "Maria.Gonzalez@Northwind-Traders.com", "+1 (415) 555-0142",
                "Northwind Traders", "https://www.northwind-traders.com", "US", null, null, null);
        group("email case and plus-address variants, partner submission", maria,
                contact(dup, "maria", "gonzalez", "maria.gonzalez+events@northwind-traders.com", "415-555-0142",
                        "Northwind Traders", null, "US", null, null, null, null),
                lead(dup, "Maria", "Gonzalez", " MARIA.GONZALEZ@NORTHWIND-TRADERS.COM", null, "Northwind Traders Inc.",
                        null, "US", partnerId(1), "Lead Submission", -30));
        group("gmail dots and plus-address variants, phone formats",
                lead(dup, "Samir", "Haddad", "samir.haddad@gmail.com", "(312) 555-0199", "Haddad Consulting", null, "US",
                        null, null, null),
                contact(dup, "Samir", "Haddad", "samirhaddad+crm@gmail.com", "312.555.0199", "Haddad Consulting", null, "US",
                        null, null, null, null),
                lead(dup, "Samir", "Haddad", "s.a.m.i.r.haddad@gmail.com", "+13125550199", "Haddad Consulting LLC", null,
                        "US", partnerId(6), "Lead Pass", -14));
        group("same company domain, phone in national and international format",
                lead(dup, "Priya", "Raman", "priya@fabrikam.io", "+44 20 7946 0958", "Fabrikam", "fabrikam.io", "GB",
                        null, null, null),
                contact(dup, "Priya", "Raman", "p.raman@fabrikam.io", "020 7946 0958", "Fabrikam Ltd", "https://fabrikam.io",
                        "GB", null, null, null, null));
        group("name accents and a typo, same company domain",
                lead(dup, "José", "Muñoz", "jose.munoz@contoso-retail.com", "+1 (646) 555-0110", "Contoso Retail",
                        "contoso-retail.com", "US", null, null, null),
                contact(dup, "Jose", "Munoz", "jmunoz@contoso-retail.com", null, "Contoso Retail", "https://contoso-retail.com",
                        "US", null, null, null, null),
                lead(dup, "Jose", "Munos", "jose.munoz@contoso-retail.com", null, "Contoso", null, "US", partnerId(5),
                        "Lead Submission", -21));
        group("submitted by two partners: the first submitter keeps the credit",
                lead(dup, "Elena", "Petrova", "elena.petrova@tailspin.aero", "+1 (206) 555-0187", "Tailspin Toys", null,
                        "US", partnerId(0), "Link Share", -25),
                contact(dup, "Elena", "Petrova", "Elena.Petrova@tailspin.aero", "(206) 555-0187", "Tailspin Toys", null,
                        "US", partnerId(2), "lead_submission", -10, null),
                lead(dup, "Elena", "Petrova", "elena.petrova@tailspin.aero", null, "Tailspin", null, "US", null, null,
                        null));
        Map<String, RecordRef> contacts = new LinkedHashMap<>();
        RecordRef kenji = plant(Crm.SALESFORCE, "Contact", dup, fields("FirstName", "Kenji", "LastName", "Watanabe",
                "Email", "kenji.watanabe@globex.com", "Phone", "+1 (617) 555-0123", "Title", "CTO",
                "AccountId", accounts.get("globex").id(), "Account", relationship("Account", accounts.get("globex").id(),
                        "Name", "Globex Corporation", "Website", "https://www.globex.com"),
                "MailingStreet", "10 Globex Plaza", "MailingCity", "Boston", "MailingPostalCode", "02108",
                "MailingState", "MA", "MailingCountry", "US", "LeadSource", "Partner Referral",
                "Submitted_By_Partner_Id__c", partnerId(1)));
        contacts.put("kenji", contact(dup, "Kenji", "Watanabe", "KENJI.WATANABE@GLOBEX.COM", "617-555-0123", "Globex",
                "globex.com", "US", null, null, null, null));
        group("Salesforce contact and HubSpot contact of one person", kenji, contacts.get("kenji"));
        contacts.put("soylent", contact("contact/with-company", "Ines", "Carvalho", "ines.carvalho@soylentfoods.com",
                "+351 21 555 0100", "Soylent Foods", "https://www.soylentfoods.com", "PT", null, null, null,
                companies.get("soylent")));

        String apart = "look-alike-lead";
        lookAlikes.add(new DuplicateGroup("same name at another company", List.of(maria,
                lead(apart, "Maria", "Gonzalez", "maria.gonzalez@adventure-works.com", "+1 (303) 555-0177",
                        "Adventure Works", "adventure-works.com", "US", null, null, null))));
        lookAlikes.add(new DuplicateGroup("same company domain, similar name, different person", List.of(
                lead(apart, "Daniel", "Kim", "dkim@contoso-retail.com", "+1 (646) 555-0131", "Contoso Retail", null, "US",
                        null, null, null),
                contact(apart, "David", "Kim", "david.kim@contoso-retail.com", "+1 (646) 555-0179", "Contoso Retail",
                        null, "US", null, null, null, null))));
        lookAlikes.add(new DuplicateGroup("shared office switchboard number, different people", List.of(
                lead(apart, "Anna", "Berg", "anna.berg@bergstrom.se", "+46 8 123 456 78", "Bergstrom AB", null, "SE",
                        null, null, null),
                lead(apart, "Lars", "Berg", "lars.berg@bergstrom.se", "+46 8 123 456 78", "Bergstrom AB", null, "SE",
                        null, null, null))));
        lead("malformed-value", "Omar", "Farouk", "omar.farouk@wingtip.com", null, "Wingtip Toys", null, "US",
                partnerId(3), "Lead Submission", "yesterday");
        plant(Crm.SALESFORCE, "Lead", "write-failure", fields("FirstName", "Greta", "LastName", "Lindqvist",
                "Email", "greta@locked.example", "Company", "Locked Co", "Status", "Closed - Converted"), Map.of(),
                new SandboxError(400, "CANNOT_UPDATE_CONVERTED_LEAD", "cannot reference converted lead", List.of()));
        contacts.put("malformed", contact("malformed-value", "Yusuf", "Demir", "yusuf.demir@litware.com", null,
                "Litware", null, "US", partnerId(4), "lead_submission", "31/02/2026", null));
        return contacts;
    }

    private Map<String, Object> deal(String name, String stage, String source) {
        boolean closed = stage.startsWith("closed");
        return fields("dealname", name, "pipeline", "default", "dealstage", stage, "amount", "36000.50",
                "deal_currency_code", "USD", "closedate", hubspotDateTime(day(closed ? -15 : 40)), "deal_source", source,
                "paid_channel", null, "fraud_flag", "false", "partner_influence", "false", "influence_partner_id", null,
                "partner_id", null, "deal_reg_id", null, "co_sell", "false", "private_offer", "false",
                "marketplace", "false", "offer_id", null, "take_rate", null, "expected_close_date", date(day(closed ? -15 : 45)),
                "product_mix", "Core;Integrations", "discount", "5");
    }

    private void hubspotDealsAndActivities(Map<String, RecordRef> companies, Map<String, RecordRef> contacts) {
        Map<String, List<String>> vandelay = Map.of("companies", List.of(companies.get("vandelay").id()),
                "contacts", List.of(contacts.get("kenji").id()));
        for (String stage : Vocabulary.HUBSPOT_STAGES) {
            plant(Crm.HUBSPOT, "deals", "opportunity/stage/" + stage, deal("Vandelay - " + stage, stage, "direct"),
                    vandelay, null);
        }
        // primary company first, then a second associated company
        Map<String, List<String>> soylent = Map.of("companies", List.of(companies.get("soylent").id(),
                companies.get("vandelay").id()), "contacts", List.of(contacts.get("soylent").id()));
        plant(Crm.HUBSPOT, "deals", "attribution/direct", deal("Vandelay - Core", "contractsent", "direct"), vandelay, null);
        Map<String, Object> sourced = deal("Soylent - Platform", "presentationscheduled", "partner");
        sourced.putAll(fields("partner_id", partnerId(0), "deal_reg_id", "DR-S002"));
        RecordRef sourcedDeal = plant(Crm.HUBSPOT, "deals", "attribution/partner-sourced", sourced, soylent, null);
        Map<String, Object> paid = deal("Vandelay - Ads", "qualifiedtobuy", "paid");
        paid.put("paid_channel", "linkedin_ads");
        plant(Crm.HUBSPOT, "deals", "attribution/paid", paid, vandelay, null);
        Map<String, Object> offer = deal("Massive Dynamic - Private offer", "closedwon", "marketplace");
        offer.putAll(fields("marketplace", "true", "private_offer", "true", "offer_id", "offer-3bq8w2e6t0y4u",
                "partner_id", partnerId(8), "take_rate", "3"));
        Map<String, List<String>> massive = Map.of("companies", List.of(companies.get("massive").id()));
        plant(Crm.HUBSPOT, "deals", "attribution/marketplace-private-offer", offer, massive, null);
        Map<String, Object> fraud = deal("Massive Dynamic - Coupon", "closedwon", "partner");
        fraud.putAll(fields("fraud_flag", "true", "partner_id", partnerId(2)));
        plant(Crm.HUBSPOT, "deals", "attribution/fraud-flagged", fraud, massive, null);
        Map<String, Object> influence = deal("Soylent - Expansion", "decisionmakerboughtin", "direct");
        influence.putAll(fields("partner_influence", "true", "influence_partner_id", partnerId(6)));
        RecordRef influenceDeal = plant(Crm.HUBSPOT, "deals", "attribution/influence", influence, soylent, null);
        Map<String, Object> coSell = deal("Vandelay - Co-sell", "appointmentscheduled", "direct");
        coSell.putAll(fields("co_sell", "true", "partner_id", partnerId(7)));
        plant(Crm.HUBSPOT, "deals", "attribution/co-sell", coSell, vandelay, null);
        Map<String, Object> malformed = deal("Vandelay - Pilot", "qualifiedtobuy", "direct");
        malformed.putAll(fields("closedate", "next quarter", "amount", "1,200.50 USD"));
        plant(Crm.HUBSPOT, "deals", "malformed-value", malformed, vandelay, null);
        plant(Crm.HUBSPOT, "deals", "write-failure", deal("Vandelay - Legacy", "closedlost", "direct"), vandelay,
                new SandboxError(400, "VALIDATION_ERROR", "Property values were not valid: closed deals are read-only for integrations",
                        List.of("dealstage")));

        Map<String, List<String>> soylentMeeting = Map.of("companies", List.of(companies.get("soylent").id()),
                "deals", List.of(sourcedDeal.id()), "contacts", List.of(contacts.get("soylent").id()));
        plant(Crm.HUBSPOT, "meetings", "meeting/joint", fields("hs_meeting_title", "Joint discovery with Brightpath",
                "hs_timestamp", hubspotDateTime(day(-4)), "partner_id", partnerId(0), "joint_meeting", "true",
                "meeting_count", "1", "next_step_date", date(day(6)), "owner_functions", "AE;PartnerAE"), soylentMeeting, null);
        plant(Crm.HUBSPOT, "meetings", "meeting/linked-to-deal", fields("hs_meeting_title", "Expansion workshop",
                "hs_timestamp", hubspotDateTime(day(-1)), "partner_id", partnerId(6), "joint_meeting", "true",
                "meeting_count", "2", "next_step_date", date(day(10)), "owner_functions", "AE;SE;PartnerAE"),
                Map.of("companies", List.of(companies.get("soylent").id()), "deals", List.of(influenceDeal.id())), null);
        plant(Crm.HUBSPOT, "calls", "task/call", fields("hs_call_title", "Pricing call", "hs_timestamp",
                hubspotDateTime(day(-2)), "partner_id", null, "joint_meeting", "false", "next_step_date", date(day(3)),
                "owner_functions", "AE"), Map.of("companies", List.of(companies.get("soylent").id()),
                "deals", List.of(sourcedDeal.id())), null);
        plant(Crm.HUBSPOT, "calls", "malformed-value", fields("hs_call_title", "Call", "hs_timestamp", "31/02/2026 10:00",
                "joint_meeting", "false", "owner_functions", "AE"), Map.of("companies", List.of(companies.get("vandelay").id())), null);
    }
}
