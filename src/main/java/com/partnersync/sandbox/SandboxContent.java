package com.partnersync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static com.partnersync.sandbox.SystemFields.FIELD_CAPACITY;
import static com.partnersync.sandbox.SystemFields.date;
import static com.partnersync.sandbox.SystemFields.hubspotDateTime;
import static com.partnersync.sandbox.SystemFields.salesforceDateTime;
import static com.partnersync.sandbox.Vocabulary.pick;

/**
 * What the sandbox CRMs contain: per object its id format, generated records and planted scenario records, plus the
 * duplicate ground truth. Field names are exactly those the shipped mappings read; values are in each API's format.
 */
record SandboxContent(List<ObjectSpec> specs, List<DuplicateGroup> duplicateGroups, List<DuplicateGroup> lookAlikes) {
    static final String API_VERSION = "v62.0";
    /** Salesforce key prefixes and HubSpot id type digits. */
    static final Map<String, String> SALESFORCE_PREFIXES = orderedMap("Account", "001", "Contact", "003",
            "Opportunity", "006", "Lead", "00Q", "Event", "00U", "Task", "00T", "Deal_Registration__c", "a0X");
    static final Map<String, String> HUBSPOT_TYPE_DIGITS = orderedMap("companies", "1", "contacts", "2", "deals", "3",
            "meetings", "4", "calls", "5");
    /** Default generated records per object at scale 1 (about 10,000 with the planted ones). */
    private static final Map<String, Integer> DEFAULT_GENERATED = Map.ofEntries(
            Map.entry("SALESFORCE/Account", 700), Map.entry("SALESFORCE/Contact", 900),
            Map.entry("SALESFORCE/Opportunity", 1_100), Map.entry("SALESFORCE/Lead", 1_200),
            Map.entry("SALESFORCE/Event", 800), Map.entry("SALESFORCE/Task", 700),
            Map.entry("SALESFORCE/Deal_Registration__c", 250), Map.entry("HUBSPOT/companies", 600),
            Map.entry("HUBSPOT/contacts", 1_000), Map.entry("HUBSPOT/deals", 900), Map.entry("HUBSPOT/meetings", 600),
            Map.entry("HUBSPOT/calls", 500));

    static SandboxContent create(Instant asOf) {
        Plan plan = new Plan(asOf);
        plan.plantAll();
        List<ObjectSpec> specs = new ArrayList<>();
        SALESFORCE_PREFIXES.forEach((object, prefix) -> specs.add(new ObjectSpec(Crm.SALESFORCE, object,
                salesforceIds(prefix), List.copyOf(plan.planted(Crm.SALESFORCE, object)), Generators.salesforce(object, asOf),
                DEFAULT_GENERATED.get("SALESFORCE/" + object))));
        HUBSPOT_TYPE_DIGITS.forEach((object, digit) -> specs.add(new ObjectSpec(Crm.HUBSPOT, object,
                hubspotIds(Integer.parseInt(digit)), List.copyOf(plan.planted(Crm.HUBSPOT, object)),
                Generators.hubspot(object, asOf), DEFAULT_GENERATED.get("HUBSPOT/" + object))));
        return new SandboxContent(List.copyOf(specs), List.copyOf(plan.duplicates), List.copyOf(plan.lookAlikes));
    }

    static String salesforceId(String object, long index) {
        return RecordIds.salesforce(SALESFORCE_PREFIXES.get(object), index);
    }

    static String hubspotId(String object, long index) {
        return RecordIds.hubspot(Integer.parseInt(HUBSPOT_TYPE_DIGITS.get(object)), index);
    }

    private static ObjectSpec.IdFormat salesforceIds(String prefix) {
        return new ObjectSpec.IdFormat(index -> RecordIds.salesforce(prefix, index), id -> RecordIds.salesforceIndex(prefix, id));
    }

    private static ObjectSpec.IdFormat hubspotIds(int typeDigit) {
        return new ObjectSpec.IdFormat(index -> RecordIds.hubspot(typeDigit, index), id -> RecordIds.hubspotIndex(typeDigit, id));
    }

    /** A Salesforce relationship field value: the related record with its {@code attributes}. */
    static Map<String, Object> relationship(String object, String id, Object... fieldsAndValues) {
        Map<String, Object> related = new LinkedHashMap<>();
        related.put("attributes", orderedMap("type", object, "url",
                "/services/data/" + API_VERSION + "/sobjects/" + object + "/" + id));
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            related.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return related;
    }

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> orderedMap(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }

    /** Generated (non-scenario) records: realistic, clean values from the record's random stream. */
    static final class Generators {
        private static final int PARTNERS = Plan.PARTNER_TYPES.size();

        private Generators() {
        }

        static ObjectSpec.Generator salesforce(String object, Instant asOf) {
            return switch (object) {
                case "Account" -> (index, random, layout) -> generated(salesforceAccount(index, random));
                case "Contact" -> (index, random, layout) -> generated(salesforceContact(random, layout));
                case "Opportunity" -> (index, random, layout) -> generated(salesforceOpportunity(index, random, layout, asOf));
                case "Lead" -> (index, random, layout) -> generated(salesforceLead(index, random, asOf));
                case "Event" -> (index, random, layout) -> generated(salesforceEvent(random, layout, asOf));
                case "Task" -> (index, random, layout) -> generated(salesforceTask(random, layout, asOf));
                case "Deal_Registration__c" -> (index, random, layout) -> generated(salesforceDealRegistration(index, random, layout, asOf));
                default -> throw new IllegalArgumentException("no generator for Salesforce " + object);
            };
        }

        static ObjectSpec.Generator hubspot(String object, Instant asOf) {
            return switch (object) {
                case "companies" -> (index, random, layout) -> generated(hubspotCompany(index, random));
                case "contacts" -> Generators::hubspotContact;
                case "deals" -> (index, random, layout) -> hubspotDeal(index, random, layout, asOf);
                case "meetings" -> (index, random, layout) -> hubspotEngagement("meetings", random, layout, asOf);
                case "calls" -> (index, random, layout) -> hubspotEngagement("calls", random, layout, asOf);
                default -> throw new IllegalArgumentException("no generator for HubSpot " + object);
            };
        }

        private static ObjectSpec.Generated generated(Map<String, Object> fields) {
            return new ObjectSpec.Generated(fields, Map.of());
        }

        static String partnerId(SplittableRandom random) {
            return Plan.partnerId(random.nextInt(PARTNERS));
        }

        private static Instant daysAround(Instant asOf, SplittableRandom random, int pastDays, int futureDays) {
            return asOf.plus(Duration.ofDays(random.nextInt(-pastDays, futureDays + 1)))
                    .plusSeconds(random.nextInt(8, 18) * 3600L - asOf.getEpochSecond() % 86_400);
        }

        private static String companyName(Crm crm, long index) {
            // HubSpot companies are another business unit's book: different names than Salesforce accounts
            return Vocabulary.companyName(crm == Crm.SALESFORCE ? index : index + 5_000);
        }

        static Map<String, Object> salesforceAccount(long index, SplittableRandom random) {
            String name = companyName(Crm.SALESFORCE, index);
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("Name", name);
            f.put("Type", random.nextInt(4) == 0 ? "Prospect" : "Customer");
            f.put("Website", "https://www." + Vocabulary.domain(name));
            boolean overlap = random.nextInt(5) == 0;
            f.put("Partner_Id__c", overlap ? partnerId(random) : null);
            f.put("Partner_Type__c", null);
            f.put("Overlap_Reason__c", overlap ? pick(List.of("Shared customer", "Integration user", "Referred"), random) : null);
            f.put("Integration_Present__c", random.nextInt(3) == 0);
            f.put("Region__c", pick(Vocabulary.REGIONS, random));
            f.put("Segment__c", pick(Vocabulary.SEGMENTS, random));
            f.put("Industry", pick(Vocabulary.INDUSTRIES, random));
            f.put("NumberOfEmployees", random.nextInt(5, 20_000));
            f.put("AnnualRevenue", (double) random.nextInt(1, 5_000) * 10_000);
            f.put("Partner_Program__c", null);
            f.put("Market_Relevance__c", null);
            return f;
        }

        static Map<String, Object> salesforceContact(SplittableRandom random, ObjectSpec.Layout layout) {
            long account = layout.generatedIndex(Crm.SALESFORCE, "Account", random);
            String accountId = layout.id(Crm.SALESFORCE, "Account", account);
            String company = companyName(Crm.SALESFORCE, account);
            String website = "https://www." + Vocabulary.domain(company);
            Map<String, Object> f = Person.random(random, company, Vocabulary.domain(company), website)
                    .putInto(new LinkedHashMap<>(FIELD_CAPACITY), Person.Naming.SALESFORCE_CONTACT);
            f.put("AccountId", accountId);
            f.put("Account", relationship("Account", accountId, "Name", company, "Website", website));
            f.put("LeadSource", pick(List.of("Web", "Phone Inquiry", "Partner Referral", "Trade Show"), random));
            f.put("Submitted_By_Partner_Id__c", null);
            return f;
        }

        static Map<String, Object> salesforceOpportunity(long index, SplittableRandom random, ObjectSpec.Layout layout, Instant asOf) {
            long account = layout.generatedIndex(Crm.SALESFORCE, "Account", random);
            String stage = pick(Vocabulary.SALESFORCE_STAGES, random);
            boolean closed = stage.startsWith("Closed");
            Instant close = daysAround(asOf, random, closed ? 300 : 0, closed ? 0 : 180);
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("Name", companyName(Crm.SALESFORCE, account) + " - " + pick(Vocabulary.PRODUCTS, random));
            f.put("AccountId", layout.id(Crm.SALESFORCE, "Account", account));
            f.put("StageName", stage);
            f.put("Amount", random.nextInt(20, 5_000) * 50.0);
            f.put("IsClosed", closed);
            f.put("IsWon", stage.equals("Closed Won"));
            f.put("CloseDate", date(close));
            putAttribution(f, random.nextInt(20), random);
            f.put("Expected_Close_Date__c", date(close.plus(Duration.ofDays(random.nextInt(0, 30)))));
            f.put("Product_Mix__c", pick(Vocabulary.PRODUCTS, random) + ";" + pick(Vocabulary.PRODUCTS, random));
            f.put("Discount__c", random.nextInt(0, 25));
            return f;
        }

        /** Generated attribution mix: mostly direct, some paid, influence, co-sell and marketplace deals. */
        private static void putAttribution(Map<String, Object> f, int roll, SplittableRandom random) {
            String leadSource = roll < 11 ? pick(List.of("Web", "Phone Inquiry", "Other"), random)
                    : roll < 14 ? pick(List.of("Paid Search", "Paid Social", "Advertisement"), random)
                    : roll == 19 ? "AWS Marketplace" : "Web";
            boolean influence = roll >= 14 && roll < 17;
            boolean coSell = roll == 17 || roll == 18;
            boolean marketplace = roll == 19;
            f.put("LeadSource", leadSource);
            f.put("Paid_Channel__c", roll >= 11 && roll < 14 ? pick(Vocabulary.PAID_CHANNELS, random) : null);
            f.put("Fraud_Flag__c", false);
            f.put("Partner_Influence__c", influence);
            f.put("Influence_Partner_Id__c", influence ? partnerId(random) : null);
            f.put("Partner_Id__c", coSell ? partnerId(random) : null);
            f.put("Deal_Reg_Id__c", null);
            f.put("Co_Sell__c", coSell);
            f.put("Private_Offer__c", marketplace && random.nextBoolean());
            f.put("Marketplace__c", marketplace);
            f.put("Offer_Id__c", marketplace ? "offer-" + Long.toHexString(random.nextLong()).substring(0, 12) : null);
            f.put("Take_Rate__c", marketplace ? 3 : null);
        }

        static Map<String, Object> salesforceLead(long index, SplittableRandom random, Instant asOf) {
            String company = Vocabulary.companyName(10_000 + random.nextInt(2_000));
            Map<String, Object> f = Person.random(random, company, Vocabulary.domain(company), "www." + Vocabulary.domain(company))
                    .putInto(new LinkedHashMap<>(FIELD_CAPACITY), Person.Naming.SALESFORCE_LEAD);
            boolean submitted = random.nextInt(6) == 0;
            f.put("Status", pick(Vocabulary.LEAD_STATUSES, random));
            f.put("LeadSource", submitted ? "Partner Referral" : pick(List.of("Web", "Trade Show", "Paid Search"), random));
            f.put("Sales_Motion__c", submitted ? pick(List.of("Link Share", "Lead Submission", "Lead Pass"), random) : null);
            f.put("Submitted_By_Partner_Id__c", submitted ? partnerId(random) : null);
            f.put("Submitted_At__c", submitted ? salesforceDateTime(daysAround(asOf, random, 300, -1)) : null);
            return f;
        }

        static Map<String, Object> salesforceEvent(SplittableRandom random, ObjectSpec.Layout layout, Instant asOf) {
            long opportunity = layout.generatedIndex(Crm.SALESFORCE, "Opportunity", random);
            long account = layout.generatedIndex(Crm.SALESFORCE, "Account", random);
            Instant at = daysAround(asOf, random, 300, 14);
            boolean joint = random.nextInt(4) == 0;
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("Subject", joint ? "Joint discovery call" : pick(List.of("Demo", "Discovery", "QBR", "Pricing review"), random));
            f.put("ActivityDateTime", salesforceDateTime(at));
            f.put("ActivityDate", date(at));
            f.put("AccountId", layout.id(Crm.SALESFORCE, "Account", account));
            f.put("WhatId", random.nextBoolean() ? layout.id(Crm.SALESFORCE, "Opportunity", opportunity) : null);
            f.put("Partner_Id__c", joint ? partnerId(random) : null);
            f.put("Joint_Meeting__c", joint);
            f.put("Meeting_Count__c", 1);
            f.put("Next_Step_Date__c", random.nextBoolean() ? date(at.plus(Duration.ofDays(random.nextInt(1, 21)))) : null);
            f.put("Owner_Functions__c", joint ? "AE;PartnerAE" : pick(List.of("AE", "AE;SE", "CSM"), random));
            return f;
        }

        static Map<String, Object> salesforceTask(SplittableRandom random, ObjectSpec.Layout layout, Instant asOf) {
            long account = layout.generatedIndex(Crm.SALESFORCE, "Account", random);
            String subtype = pick(List.of("Call", "Email", "Task", "ListEmail", "Cadence", "LinkedIn"), random);
            Instant at = daysAround(asOf, random, 300, 14);
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("TaskSubtype", subtype);
            f.put("Subject", subtype + ": follow up");
            f.put("ActivityDate", date(at));
            f.put("AccountId", layout.id(Crm.SALESFORCE, "Account", account));
            f.put("WhatId", random.nextBoolean()
                    ? layout.id(Crm.SALESFORCE, "Opportunity", layout.generatedIndex(Crm.SALESFORCE, "Opportunity", random)) : null);
            f.put("Partner_Id__c", null);
            f.put("Joint_Meeting__c", false);
            f.put("Next_Step_Date__c", null);
            f.put("Owner_Functions__c", pick(List.of("AE", "SE", "CSM"), random));
            return f;
        }

        static Map<String, Object> salesforceDealRegistration(long index, SplittableRandom random, ObjectSpec.Layout layout,
                                                             Instant asOf) {
            long account = layout.generatedIndex(Crm.SALESFORCE, "Account", random);
            String company = companyName(Crm.SALESFORCE, account);
            Instant submitted = daysAround(asOf, random, 200, -1);
            boolean approved = random.nextInt(4) > 0;
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("Name", String.format(java.util.Locale.ROOT, "DR-%07d", index));
            f.put("Deal_Reg_Id__c", String.format(java.util.Locale.ROOT, "DR-%07d", index));
            f.put("Partner_Id__c", partnerId(random));
            f.put("Program__c", pick(List.of("Referral Program", "Reseller Program", "Technology Partners"), random));
            f.put("Account_Name__c", company);
            f.put("Account_URL__c", "https://" + Vocabulary.domain(company));
            f.put("Account__c", layout.id(Crm.SALESFORCE, "Account", account));
            f.put("Opportunity__c", null);
            f.put("Buyer_Role__c", pick(Vocabulary.BUYER_ROLES, random));
            f.put("Problem_Statement__c", pick(Vocabulary.PROBLEMS, random));
            f.put("Next_Meeting_Date__c", date(submitted.plus(Duration.ofDays(random.nextInt(3, 20)))));
            f.put("Submitted_At__c", salesforceDateTime(submitted));
            f.put("Approved_At__c", approved ? salesforceDateTime(submitted.plus(Duration.ofDays(2))) : null);
            f.put("Status__c", approved ? "Approved" : pick(List.of("Submitted", "Pending", "Rejected"), random));
            return f;
        }

        static Map<String, Object> hubspotCompany(long index, SplittableRandom random) {
            String name = companyName(Crm.HUBSPOT, index);
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("name", name);
            f.put("domain", Vocabulary.domain(name));
            f.put("website", "https://www." + Vocabulary.domain(name));
            f.put("type", random.nextInt(4) == 0 ? "PROSPECT" : "CUSTOMER");
            boolean overlap = random.nextInt(5) == 0;
            f.put("partner_id", overlap ? partnerId(random) : null);
            f.put("partner_type", null);
            f.put("overlap_reason", overlap ? "Shared customer" : null);
            f.put("integration_present", Boolean.toString(random.nextInt(3) == 0));
            f.put("region", pick(Vocabulary.REGIONS, random));
            f.put("segment", pick(Vocabulary.SEGMENTS, random));
            f.put("industry", pick(List.of("COMPUTER_SOFTWARE", "HOSPITAL_HEALTH_CARE", "RETAIL", "FINANCIAL_SERVICES"), random));
            f.put("numberofemployees", Integer.toString(random.nextInt(5, 20_000)));
            f.put("annualrevenue", Integer.toString(random.nextInt(1, 5_000) * 10_000));
            f.put("partner_program", null);
            f.put("market_relevance", null);
            return f;
        }

        static ObjectSpec.Generated hubspotContact(long index, SplittableRandom random, ObjectSpec.Layout layout) {
            long company = layout.generatedIndex(Crm.HUBSPOT, "companies", random);
            String companyName = companyName(Crm.HUBSPOT, company);
            Map<String, Object> f = Person.random(random, companyName, Vocabulary.domain(companyName),
                            "https://www." + Vocabulary.domain(companyName))
                    .putInto(new LinkedHashMap<>(FIELD_CAPACITY), Person.Naming.HUBSPOT_CONTACT);
            f.put("hs_lead_status", pick(Vocabulary.HUBSPOT_LEAD_STATUSES, random));
            f.put("hs_analytics_source", pick(Vocabulary.HUBSPOT_SOURCES, random));
            f.put("sales_motion", null);
            f.put("submitted_by_partner_id", null);
            f.put("partner_submitted_at", null);
            return new ObjectSpec.Generated(f, Map.of("companies", List.of(layout.id(Crm.HUBSPOT, "companies", company))));
        }

        static ObjectSpec.Generated hubspotDeal(long index, SplittableRandom random, ObjectSpec.Layout layout, Instant asOf) {
            long company = layout.generatedIndex(Crm.HUBSPOT, "companies", random);
            String stage = pick(Vocabulary.HUBSPOT_STAGES, random);
            boolean closed = stage.startsWith("closed");
            Instant close = daysAround(asOf, random, closed ? 300 : 0, closed ? 0 : 180);
            Map<String, Object> sf = new LinkedHashMap<>(FIELD_CAPACITY);
            putAttribution(sf, random.nextInt(20), random);
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("dealname", companyName(Crm.HUBSPOT, company) + " - " + pick(Vocabulary.PRODUCTS, random));
            f.put("pipeline", "default");
            f.put("dealstage", stage);
            f.put("amount", Integer.toString(random.nextInt(20, 5_000) * 50));
            f.put("deal_currency_code", "USD");
            f.put("closedate", hubspotDateTime(close));
            f.putAll(hubspotAttribution(sf));
            f.put("expected_close_date", date(close.plus(Duration.ofDays(random.nextInt(0, 30)))));
            f.put("product_mix", pick(Vocabulary.PRODUCTS, random) + ";" + pick(Vocabulary.PRODUCTS, random));
            f.put("discount", Integer.toString(random.nextInt(0, 25)));
            List<String> contacts = List.of(layout.id(Crm.HUBSPOT, "contacts", layout.generatedIndex(Crm.HUBSPOT, "contacts", random)));
            return new ObjectSpec.Generated(f, Map.of("companies", List.of(layout.id(Crm.HUBSPOT, "companies", company)),
                    "contacts", contacts));
        }

        /** The same attribution mix as Salesforce, in HubSpot's string property form. */
        static Map<String, Object> hubspotAttribution(Map<String, Object> salesforce) {
            String leadSource = (String) salesforce.get("LeadSource");
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("deal_source", leadSource.contains("Marketplace") ? "marketplace"
                    : salesforce.get("Paid_Channel__c") != null ? "paid" : leadSource.startsWith("Partner") ? "partner" : "direct");
            f.put("paid_channel", salesforce.get("Paid_Channel__c"));
            f.put("fraud_flag", String.valueOf(salesforce.get("Fraud_Flag__c")));
            f.put("partner_influence", String.valueOf(salesforce.get("Partner_Influence__c")));
            f.put("influence_partner_id", salesforce.get("Influence_Partner_Id__c"));
            f.put("partner_id", salesforce.get("Partner_Id__c"));
            f.put("deal_reg_id", salesforce.get("Deal_Reg_Id__c"));
            f.put("co_sell", String.valueOf(salesforce.get("Co_Sell__c")));
            f.put("private_offer", String.valueOf(salesforce.get("Private_Offer__c")));
            f.put("marketplace", String.valueOf(salesforce.get("Marketplace__c")));
            f.put("offer_id", salesforce.get("Offer_Id__c"));
            f.put("take_rate", salesforce.get("Take_Rate__c") == null ? null : salesforce.get("Take_Rate__c").toString());
            return f;
        }

        static ObjectSpec.Generated hubspotEngagement(String object, SplittableRandom random, ObjectSpec.Layout layout, Instant asOf) {
            long company = layout.generatedIndex(Crm.HUBSPOT, "companies", random);
            long deal = layout.generatedIndex(Crm.HUBSPOT, "deals", random);
            Instant at = daysAround(asOf, random, 300, 14);
            boolean joint = random.nextInt(4) == 0;
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put(object.equals("meetings") ? "hs_meeting_title" : "hs_call_title",
                    joint ? "Joint discovery call" : pick(List.of("Demo", "Discovery", "Check-in", "Pricing review"), random));
            f.put("hs_timestamp", hubspotDateTime(at));
            f.put("partner_id", joint ? partnerId(random) : null);
            f.put("joint_meeting", Boolean.toString(joint));
            if (object.equals("meetings")) {
                f.put("meeting_count", "1");
            }
            f.put("next_step_date", random.nextBoolean() ? date(at.plus(Duration.ofDays(random.nextInt(1, 21)))) : null);
            f.put("owner_functions", joint ? "AE;PartnerAE" : pick(List.of("AE", "AE;SE", "CSM"), random));
            Map<String, List<String>> associations = new LinkedHashMap<>();
            associations.put("companies", List.of(layout.id(Crm.HUBSPOT, "companies", company)));
            if (random.nextBoolean()) {
                associations.put("deals", List.of(layout.id(Crm.HUBSPOT, "deals", deal)));
            }
            return new ObjectSpec.Generated(f, associations);
        }
    }
}
