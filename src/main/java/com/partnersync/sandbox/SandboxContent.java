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
            Map.entry("SALESFORCE/Event", 1_200), Map.entry("SALESFORCE/Task", 700),
            Map.entry("SALESFORCE/Deal_Registration__c", 700), Map.entry("HUBSPOT/companies", 600),
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
        private Generators() {
        }

        static ObjectSpec.Generator salesforce(String object, Instant asOf) {
            return switch (object) {
                case "Account" -> (index, random, layout) -> generated(salesforceAccount(index, random, layout));
                case "Contact" -> (index, random, layout) -> generated(salesforceContact(random, layout));
                case "Opportunity" -> (index, random, layout) -> generated(salesforceOpportunity(index, random, layout, asOf));
                case "Lead" -> (index, random, layout) -> generated(salesforceLead(random, layout));
                case "Event" -> (index, random, layout) -> generated(salesforceEvent(index, random, layout, asOf));
                case "Task" -> (index, random, layout) -> generated(salesforceTask(random, layout, asOf));
                case "Deal_Registration__c" -> (index, random, layout) -> generated(salesforceDealRegistration(index, random, layout));
                default -> throw new IllegalArgumentException("no generator for Salesforce " + object);
            };
        }

        static ObjectSpec.Generator hubspot(String object, Instant asOf) {
            return switch (object) {
                case "companies" -> (index, random, layout) -> generated(hubspotCompany(index, random, layout));
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

        /** Any partner of the program, the bigger ones more often. */
        static String partnerId(ObjectSpec.Layout layout, SplittableRandom random) {
            return Plan.partnerId(layout.story().dealPartner(random));
        }

        private static Instant daysAround(Instant asOf, SplittableRandom random, int pastDays, int futureDays) {
            return asOf.plus(Duration.ofDays(random.nextInt(-pastDays, futureDays + 1)))
                    .plusSeconds(random.nextInt(8, 18) * 3600L - asOf.getEpochSecond() % 86_400);
        }

        private static String companyName(Crm crm, long index) {
            // HubSpot companies are another business unit's book: different names than Salesforce accounts
            return Vocabulary.companyName(crm == Crm.SALESFORCE ? index : index + 5_000);
        }

        static Map<String, Object> salesforceAccount(long index, SplittableRandom random, ObjectSpec.Layout layout) {
            int partner = layout.story().partnerAt(index - layout.planted(Crm.SALESFORCE, "Account"));
            String name = partner < 0 ? companyName(Crm.SALESFORCE, index) : Vocabulary.companyName(20_000 + partner) + " Partners";
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("Name", name);
            f.put("Type", partner >= 0 ? "Partner" : random.nextInt(4) == 0 ? "Prospect" : "Customer");
            f.put("Website", "https://www." + Vocabulary.domain(name));
            boolean overlap = partner < 0 && random.nextInt(5) == 0;
            f.put("Partner_Id__c", partner >= 0 ? Plan.partnerId(partner) : overlap ? partnerId(layout, random) : null);
            f.put("Partner_Type__c", partner >= 0 ? ProgramStory.partnerType(partner)[1] : null);
            f.put("Overlap_Reason__c", overlap ? pick(List.of("Shared customer", "Integration user", "Referred"), random) : null);
            f.put("Integration_Present__c", random.nextInt(3) == 0);
            f.put("Region__c", pick(Vocabulary.REGIONS, random));
            f.put("Segment__c", pick(Vocabulary.SEGMENTS, random));
            f.put("Industry", pick(Vocabulary.INDUSTRIES, random));
            f.put("NumberOfEmployees", random.nextInt(5, 20_000));
            f.put("AnnualRevenue", (double) random.nextInt(1, 5_000) * 10_000);
            f.put("Partner_Program__c", partner >= 0 ? ProgramStory.program(partner) : null);
            f.put("Market_Relevance__c", partner >= 0 ? layout.story().marketRelevance(partner) : null);
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
            ProgramStory story = layout.story();
            ProgramStory.Registration sourcedBy = story.sourcedBy(Crm.SALESFORCE, index - layout.planted(Crm.SALESFORCE, "Opportunity"));
            long account = sourcedBy != null ? sourcedBy.accountIndex() : story.customerAccount(random);
            Map<String, Object> attribution = new LinkedHashMap<>(FIELD_CAPACITY);
            putAttribution(attribution, sourcedBy, random.nextInt(20), random, layout);
            ProgramStory.Outcome outcome = story.outcome(Crm.SALESFORCE, index, sourcedBy, partnerInvolved(attribution), random);
            String stage = ProgramStory.stage(Vocabulary.SALESFORCE_STAGES, outcome, random);
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("Name", companyName(Crm.SALESFORCE, account) + " - " + pick(Vocabulary.PRODUCTS, random));
            f.put("AccountId", layout.id(Crm.SALESFORCE, "Account", account));
            f.put("StageName", stage);
            f.put("Amount", outcome.amount());
            f.put("IsClosed", outcome.closed());
            f.put("IsWon", outcome.won());
            f.put("CloseDate", date(outcome.close()));
            f.putAll(attribution);
            f.put("Expected_Close_Date__c", date(outcome.close().plus(Duration.ofDays(random.nextInt(0, 30)))));
            f.put("Product_Mix__c", pick(Vocabulary.PRODUCTS, random) + ";" + pick(Vocabulary.PRODUCTS, random));
            f.put("Discount__c", random.nextInt(0, 25));
            return f;
        }

        private static boolean partnerInvolved(Map<String, Object> attribution) {
            return Boolean.TRUE.equals(attribution.get("Partner_Influence__c")) || Boolean.TRUE.equals(attribution.get("Co_Sell__c"));
        }

        /**
         * Generated attribution mix: the deals a registration sourced (Partner Referral with the partner and the deal-reg
         * id), the others mostly direct, some paid, influence, co-sell and marketplace deals.
         */
        private static void putAttribution(Map<String, Object> f, ProgramStory.Registration sourcedBy, int roll,
                                           SplittableRandom random, ObjectSpec.Layout layout) {
            String leadSource = sourcedBy != null ? "Partner Referral"
                    : roll < 11 ? pick(List.of("Web", "Phone Inquiry", "Other"), random)
                    : roll < 14 ? pick(List.of("Paid Search", "Paid Social", "Advertisement"), random)
                    : roll == 19 ? "AWS Marketplace" : "Web";
            boolean influence = sourcedBy == null && roll >= 14 && roll < 17;
            boolean coSell = roll == 17 || roll == 18;
            boolean marketplace = sourcedBy == null && roll == 19;
            f.put("LeadSource", leadSource);
            f.put("Paid_Channel__c", sourcedBy == null && roll >= 11 && roll < 14 ? pick(Vocabulary.PAID_CHANNELS, random) : null);
            f.put("Fraud_Flag__c", false);
            f.put("Partner_Influence__c", influence);
            f.put("Influence_Partner_Id__c", influence ? partnerId(layout, random) : null);
            f.put("Partner_Id__c", sourcedBy != null ? Plan.partnerId(sourcedBy.partner()) : coSell ? partnerId(layout, random) : null);
            f.put("Deal_Reg_Id__c", sourcedBy != null ? sourcedBy.dealRegId() : null);
            f.put("Co_Sell__c", coSell);
            f.put("Private_Offer__c", marketplace && random.nextBoolean());
            f.put("Marketplace__c", marketplace);
            f.put("Offer_Id__c", marketplace ? "offer-" + Long.toHexString(random.nextLong()).substring(0, 12) : null);
            f.put("Take_Rate__c", marketplace ? 3 : null);
        }

        static Map<String, Object> salesforceLead(SplittableRandom random, ObjectSpec.Layout layout) {
            String company = Vocabulary.companyName(10_000 + random.nextInt(2_000));
            Map<String, Object> f = Person.random(random, company, Vocabulary.domain(company), "www." + Vocabulary.domain(company))
                    .putInto(new LinkedHashMap<>(FIELD_CAPACITY), Person.Naming.SALESFORCE_LEAD);
            boolean submitted = random.nextInt(3) == 0;
            f.put("Status", pick(Vocabulary.LEAD_STATUSES, random));
            f.put("LeadSource", submitted ? "Partner Referral" : pick(List.of("Web", "Trade Show", "Paid Search"), random));
            f.put("Sales_Motion__c", submitted ? pick(List.of("Link Share", "Lead Submission", "Lead Pass"), random) : null);
            f.put("Submitted_By_Partner_Id__c", submitted ? Plan.partnerId(layout.story().leadPartner(random)) : null);
            f.put("Submitted_At__c", submitted ? salesforceDateTime(layout.story().inStory(random)) : null);
            return f;
        }

        static Map<String, Object> salesforceEvent(long index, SplittableRandom random, ObjectSpec.Layout layout, Instant asOf) {
            ProgramStory.FollowUp followUp = layout.story().followUp(index - layout.planted(Crm.SALESFORCE, "Event"));
            if (followUp != null) {
                ProgramStory.Registration registration = followUp.registration();
                return event(followUp.at(), "Deal registration follow-up", layout.id(Crm.SALESFORCE, "Account", registration.accountIndex()),
                        registration.dealCrm() == Crm.SALESFORCE ? layout.id(Crm.SALESFORCE, "Opportunity", registration.deal()) : null,
                        Plan.partnerId(registration.partner()), random);
            }
            long opportunity = layout.generatedIndex(Crm.SALESFORCE, "Opportunity", random);
            long account = layout.generatedIndex(Crm.SALESFORCE, "Account", random);
            Instant at = daysAround(asOf, random, (int) ProgramStory.SPAN.toDays(), 14);
            boolean joint = random.nextInt(4) == 0;
            return event(at, joint ? "Joint discovery call" : pick(List.of("Demo", "Discovery", "QBR", "Pricing review"), random),
                    layout.id(Crm.SALESFORCE, "Account", account),
                    random.nextBoolean() ? layout.id(Crm.SALESFORCE, "Opportunity", opportunity) : null,
                    joint ? partnerId(layout, random) : null, random);
        }

        /** A meeting; with a partner it is a joint meeting. */
        private static Map<String, Object> event(Instant at, String subject, String accountId, String opportunityId,
                                                 String partnerId, SplittableRandom random) {
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("Subject", subject);
            f.put("ActivityDateTime", salesforceDateTime(at));
            f.put("ActivityDate", date(at));
            f.put("AccountId", accountId);
            f.put("WhatId", opportunityId);
            f.put("Partner_Id__c", partnerId);
            f.put("Joint_Meeting__c", partnerId != null);
            f.put("Meeting_Count__c", 1);
            f.put("Next_Step_Date__c", random.nextBoolean() ? date(at.plus(Duration.ofDays(random.nextInt(1, 21)))) : null);
            f.put("Owner_Functions__c", partnerId != null ? "AE;PartnerAE" : pick(List.of("AE", "AE;SE", "CSM"), random));
            return f;
        }

        static Map<String, Object> salesforceTask(SplittableRandom random, ObjectSpec.Layout layout, Instant asOf) {
            long account = layout.generatedIndex(Crm.SALESFORCE, "Account", random);
            String subtype = pick(List.of("Call", "Email", "Task", "ListEmail", "Cadence", "LinkedIn"), random);
            Instant at = daysAround(asOf, random, (int) ProgramStory.SPAN.toDays(), 14);
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

        /** A registration of the program's story: its partner, account, dates and CRM status come from {@link ProgramStory}. */
        static Map<String, Object> salesforceDealRegistration(long index, SplittableRandom random, ObjectSpec.Layout layout) {
            ProgramStory.Registration r = layout.story().registration(index - layout.planted(Crm.SALESFORCE, "Deal_Registration__c"));
            boolean hubspot = r.accountCrm() == Crm.HUBSPOT;
            String company = hubspot ? companyName(Crm.HUBSPOT, r.accountIndex()) : companyName(Crm.SALESFORCE, r.accountIndex());
            // an incomplete registration misses one of the four required fields
            int missing = r.kind() == ProgramStory.Kind.INCOMPLETE ? random.nextInt(4) : -1;
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("Name", r.dealRegId());
            f.put("Deal_Reg_Id__c", r.dealRegId());
            f.put("Partner_Id__c", Plan.partnerId(r.partner()));
            f.put("Program__c", ProgramStory.program(r.partner()));
            f.put("Account_Name__c", company);
            f.put("Account_URL__c", missing == 0 ? null : "https://" + Vocabulary.domain(company));
            f.put("Account__c", hubspot ? null : layout.id(Crm.SALESFORCE, "Account", r.accountIndex()));
            f.put("Opportunity__c", r.dealCrm() == Crm.SALESFORCE ? layout.id(Crm.SALESFORCE, "Opportunity", r.deal()) : null);
            f.put("Buyer_Role__c", missing == 1 ? null : pick(Vocabulary.BUYER_ROLES, random));
            f.put("Problem_Statement__c", missing == 2 ? null : pick(Vocabulary.PROBLEMS, random));
            f.put("Next_Meeting_Date__c", missing == 3 ? null : date(r.submitted().plus(Duration.ofDays(random.nextInt(3, 20)))));
            f.put("Submitted_At__c", salesforceDateTime(r.submitted()));
            f.put("Approved_At__c", r.approved() == null ? null : salesforceDateTime(r.approved()));
            f.put("Status__c", r.approved() != null ? "Approved" : r.kind() == ProgramStory.Kind.REJECTED ? "Rejected"
                    : pick(List.of("Submitted", "Pending"), random));
            return f;
        }

        static Map<String, Object> hubspotCompany(long index, SplittableRandom random, ObjectSpec.Layout layout) {
            String name = companyName(Crm.HUBSPOT, index);
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("name", name);
            f.put("domain", Vocabulary.domain(name));
            f.put("website", "https://www." + Vocabulary.domain(name));
            f.put("type", random.nextInt(4) == 0 ? "PROSPECT" : "CUSTOMER");
            boolean overlap = random.nextInt(5) == 0;
            f.put("partner_id", overlap ? partnerId(layout, random) : null);
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
            boolean submitted = random.nextInt(8) == 0;
            f.put("sales_motion", submitted ? pick(List.of("link_share", "lead_submission", "lead_pass"), random) : null);
            f.put("submitted_by_partner_id", submitted ? Plan.partnerId(layout.story().leadPartner(random)) : null);
            f.put("partner_submitted_at", submitted ? hubspotDateTime(layout.story().inStory(random)) : null);
            return new ObjectSpec.Generated(f, Map.of("companies", List.of(layout.id(Crm.HUBSPOT, "companies", company))));
        }

        static ObjectSpec.Generated hubspotDeal(long index, SplittableRandom random, ObjectSpec.Layout layout, Instant asOf) {
            ProgramStory story = layout.story();
            ProgramStory.Registration sourcedBy = story.sourcedBy(Crm.HUBSPOT, index - layout.planted(Crm.HUBSPOT, "deals"));
            long company = sourcedBy != null ? sourcedBy.accountIndex() : layout.generatedIndex(Crm.HUBSPOT, "companies", random);
            Map<String, Object> sf = new LinkedHashMap<>(FIELD_CAPACITY);
            putAttribution(sf, sourcedBy, random.nextInt(20), random, layout);
            ProgramStory.Outcome outcome = story.outcome(Crm.HUBSPOT, index, sourcedBy, partnerInvolved(sf), random);
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put("dealname", companyName(Crm.HUBSPOT, company) + " - " + pick(Vocabulary.PRODUCTS, random));
            f.put("pipeline", "default");
            f.put("dealstage", ProgramStory.stage(Vocabulary.HUBSPOT_STAGES, outcome, random));
            f.put("amount", Long.toString(Math.round(outcome.amount())));
            f.put("deal_currency_code", "USD");
            f.put("closedate", hubspotDateTime(outcome.close()));
            f.putAll(hubspotAttribution(sf));
            f.put("expected_close_date", date(outcome.close().plus(Duration.ofDays(random.nextInt(0, 30)))));
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
            Instant at = daysAround(asOf, random, (int) ProgramStory.SPAN.toDays(), 14);
            boolean joint = random.nextInt(4) == 0;
            Map<String, Object> f = new LinkedHashMap<>(FIELD_CAPACITY);
            f.put(object.equals("meetings") ? "hs_meeting_title" : "hs_call_title",
                    joint ? "Joint discovery call" : pick(List.of("Demo", "Discovery", "Check-in", "Pricing review"), random));
            f.put("hs_timestamp", hubspotDateTime(at));
            f.put("partner_id", joint ? partnerId(layout, random) : null);
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
