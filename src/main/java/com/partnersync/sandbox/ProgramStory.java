package com.partnersync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The partner program the generated records act out together over the six quarters up to asOf: 40 partners of every
 * type and program (the 10 planted ones and 30 generated partner accounts) of very different sizes submit leads and deal
 * registrations; most approved registrations become a Salesforce opportunity or a HubSpot deal, linked both ways (the
 * registration's Opportunity__c lookup and the deal's deal-reg id), that wins or loses later; the others expire, wait
 * for approval, are rejected, miss a required field or conflict with another partner's registration of the account.
 * <p>
 * Every fact is a function of (seed, what, number) and the other objects' counts, so the generator of each object
 * finds the same registration, partner or deal that another object's record links to, and nothing is stored.
 * Registrations go in blocks of ten: numbers 0-3 of a block source every fifth Salesforce opportunity (generated
 * positions 2, 7, 12, ...), 4-6 every fifth HubSpot deal (3, 8, 13, ...), 7 is approved and never becomes a deal,
 * 8 registers the same account as 7 a few days later for another partner (a conflict), 9 is pending, rejected or
 * incomplete.
 */
final class ProgramStory {
    /** Six quarters: how far back registrations and partner leads go. */
    static final Duration SPAN = Duration.ofDays(548);
    static final int GENERATED_PARTNERS = 30;
    private static final int BLOCK = 10;
    private static final int SOURCED_EVERY = 5;
    private static final String DEALS = "deals";
    private static final String OPPORTUNITY = "Opportunity";
    private static final String REGISTRATION = "Deal_Registration__c";

    private final long seed;
    private final Instant asOf;
    private final ObjectSpec.Layout layout;
    private final int partners;
    /** Per partner: how much business it brings (deal share and deal size) and how many leads. */
    private final double[] dealWeight;
    private final double[] leadWeight;

    ProgramStory(long seed, Instant asOf, ObjectSpec.Layout layout) {
        this.seed = seed;
        this.asOf = asOf;
        this.layout = layout;
        this.partners = Plan.PARTNER_TYPES.size() + (int) Math.min(GENERATED_PARTNERS, generated(Crm.SALESFORCE, "Account"));
        this.dealWeight = new double[partners];
        this.leadWeight = new double[partners];
        for (int p = 0; p < partners; p++) {
            SplittableRandom random = random("partner", p);
            // a long tail: a few partners bring most of the revenue, many bring a little or nothing
            dealWeight[p] = random.nextInt(4) == 0 ? 0.05 : 0.2 + 4 * Math.pow(random.nextDouble(), 3);
            leadWeight[p] = 0.3 + random.nextDouble();
        }
    }

    private SplittableRandom random(String what, long number) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (what.hashCode() * 0xBF58476D1CE4E5B9L) + number);
    }

    private long generated(Crm crm, String object) {
        return layout.count(crm, object) - layout.planted(crm, object);
    }

    // ---- partners

    /** Generated partner number k (0-based) sits at this generated Account position: spread over the accounts. */
    private long partnerAccountStep() {
        return Math.max(1, generated(Crm.SALESFORCE, "Account") / GENERATED_PARTNERS);
    }

    /** The partner (10, 11, ... in {@link Plan#partnerId} numbering) a generated Account position is, or -1. */
    int partnerAt(long accountPosition) {
        long step = partnerAccountStep();
        long k = accountPosition / step;
        return accountPosition % step == 0 && k < partners - Plan.PARTNER_TYPES.size()
                ? Plan.PARTNER_TYPES.size() + (int) k : -1;
    }

    /** Partner type row of {@link Plan#PARTNER_TYPES} of partner p: generated partners cycle through the ten types. */
    static String[] partnerType(int partner) {
        return Plan.PARTNER_TYPES.get(partner % Plan.PARTNER_TYPES.size());
    }

    static String program(int partner) {
        int type = partner % Plan.PARTNER_TYPES.size();
        return type == 5 || type == 7 || type == 9 ? "Reseller Program"
                : type == 4 || type == 8 ? "Technology Partners" : "Referral Program";
    }

    int marketRelevance(int partner) {
        return 10 + random("relevance", partner).nextInt(86);
    }

    /** A random partner, the bigger ones more often. */
    int dealPartner(SplittableRandom random) {
        return weighted(dealWeight, random);
    }

    int leadPartner(SplittableRandom random) {
        return weighted(leadWeight, random);
    }

    private static int weighted(double[] weights, SplittableRandom random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double at = random.nextDouble() * total;
        for (int p = 0; p < weights.length - 1; p++) {
            at -= weights[p];
            if (at < 0) {
                return p;
            }
        }
        return weights.length - 1;
    }

    /** Deal-size multiplier of a partner: its big deals are bigger. */
    double dealSize(int partner) {
        return 0.6 + 0.4 * dealWeight[partner];
    }

    /** A generated customer Account index: never one of the generated partner accounts. */
    long customerAccount(SplittableRandom random) {
        long index = layout.generatedIndex(Crm.SALESFORCE, "Account", random);
        long position = index - layout.planted(Crm.SALESFORCE, "Account");
        return position >= 0 && partnerAt(position) >= 0 && position + 1 < generated(Crm.SALESFORCE, "Account") ? index + 1 : index;
    }

    /** A time in the six quarters before asOf, at office hours. */
    Instant inStory(SplittableRandom random) {
        return officeHours(asOf.minus(Duration.ofDays(random.nextLong(1, SPAN.toDays() + 1))), random);
    }

    static Instant officeHours(Instant day, SplittableRandom random) {
        long dayStart = day.getEpochSecond() - Math.floorMod(day.getEpochSecond(), 86_400L);
        return Instant.ofEpochSecond(dayStart + random.nextInt(8, 18) * 3600L + random.nextInt(60) * 60L);
    }

    // ---- deal registrations and the deals they source

    enum Kind { SOURCED, APPROVED, CONFLICT, PENDING, REJECTED, INCOMPLETE }

    /**
     * One generated registration. {@code accountIndex} is a Salesforce Account index, or for a registration that
     * sourced a HubSpot deal the deal's company index ({@code accountCrm} HUBSPOT); {@code deal} is the sourced
     * opportunity/deal index (-1: none).
     */
    record Registration(long position, String dealRegId, int partner, Kind kind, Crm accountCrm, long accountIndex,
                        Crm dealCrm, long deal, Instant submitted, Instant approved) {
    }

    /** The generated registration at this position (0 = first generated one). */
    Registration registration(long position) {
        SplittableRandom random = random("registration", position);
        String id = String.format(Locale.ROOT, "DR-%07d", layout.planted(Crm.SALESFORCE, REGISTRATION) + position);
        int partner = dealPartner(random);
        int slot = (int) (position % BLOCK);
        long block = position / BLOCK;
        long deal = -1;
        Crm dealCrm = null;
        if (slot < 4) {
            dealCrm = Crm.SALESFORCE;
            deal = SOURCED_EVERY * (4 * block + slot) + 2;
        } else if (slot < 7) {
            dealCrm = Crm.HUBSPOT;
            deal = SOURCED_EVERY * (3 * block + slot - 4) + 3;
        }
        String dealObject = dealCrm == Crm.HUBSPOT ? DEALS : OPPORTUNITY;
        if (dealCrm != null && deal < generated(dealCrm, dealObject)) {
            long dealIndex = layout.planted(dealCrm, dealObject) + deal;
            // registered a few days before the deal was opened, approved a day or three later
            Instant created = layout.createdAt(dealCrm, dealObject, dealIndex);
            Instant submitted = officeHours(created.minus(Duration.ofDays(random.nextInt(4, 16))), random);
            Instant approved = submitted.plus(Duration.ofDays(random.nextInt(1, 4)));
            long account = dealCrm == Crm.SALESFORCE ? customerAccount(random)
                    : layout.generatedIndex(Crm.HUBSPOT, "companies", random);
            return new Registration(position, id, partner, Kind.SOURCED, dealCrm, account, dealCrm, dealIndex,
                    submitted, approved);
        }
        if (slot == 8 && random.nextBoolean()) {
            // another partner registers the account registration 7 of the block has, within the protection window
            Registration first = registration(position - 1);
            int other = partner == first.partner() ? (partner + 1) % partners : partner;
            Instant submitted = officeHours(first.submitted().plus(Duration.ofDays(random.nextInt(3, 25))), random);
            return new Registration(position, id, other, Kind.CONFLICT, Crm.SALESFORCE, first.accountIndex(), null, -1,
                    submitted, null);
        }
        long account = customerAccount(random);
        int roll = random.nextInt(10);
        Kind kind = slot != 9 || roll == 9 ? Kind.APPROVED : roll < 4 ? Kind.PENDING : roll < 6 ? Kind.REJECTED : Kind.INCOMPLETE;
        // pending ones are recent (a registration waits days for approval, not quarters); the others are dated along
        // their position, like the ones that sourced a deal, so the newest positions are the newest registrations
        long registrations = generated(Crm.SALESFORCE, REGISTRATION);
        long daysBack = kind == Kind.PENDING || kind == Kind.INCOMPLETE ? random.nextInt(1, 20)
                : Math.max(1, Math.round(SPAN.toDays() * (registrations - position - random.nextDouble()) / registrations));
        Instant submitted = officeHours(asOf.minus(Duration.ofDays(daysBack)), random);
        Instant approved = kind == Kind.APPROVED ? submitted.plus(Duration.ofDays(random.nextInt(1, 4))) : null;
        return new Registration(position, id, partner, kind, Crm.SALESFORCE, account, null, -1, submitted,
                approved != null && approved.isBefore(asOf) ? approved : null);
    }

    /** The registration that sourced the generated opportunity/deal at this position, or null. */
    Registration sourcedBy(Crm crm, long dealPosition) {
        int offset = crm == Crm.SALESFORCE ? 2 : 3;
        if (dealPosition % SOURCED_EVERY != offset) {
            return null;
        }
        long n = dealPosition / SOURCED_EVERY;
        int perBlock = crm == Crm.SALESFORCE ? 4 : 3;
        long position = BLOCK * (n / perBlock) + (crm == Crm.SALESFORCE ? 0 : 4) + n % perBlock;
        return position < generated(Crm.SALESFORCE, REGISTRATION) ? registration(position) : null;
    }

    /**
     * Follow-up meetings keep approved registrations alive (a meeting on the account within every 21 days): generated
     * Events at positions 1, 2 and 3 of every four are the three follow-ups of one of the newest third of the
     * registrations, when it was approved and has a Salesforce account; null when the position is an ordinary event.
     */
    FollowUp followUp(long eventPosition) {
        int number = (int) (eventPosition % 4);
        long registrations = generated(Crm.SALESFORCE, REGISTRATION);
        long position = registrations - 1 - eventPosition / 4;
        if (number == 0 || position < registrations - registrations / 3) {
            return null;
        }
        Registration registration = registration(position);
        if (registration.approved() == null || registration.accountCrm() != Crm.SALESFORCE) {
            return null;
        }
        SplittableRandom random = random("follow-up", position);
        Instant at = registration.approved().plus(Duration.ofDays(random.nextInt(6, 20)));
        for (int n = 1; n < number; n++) {
            at = at.plus(Duration.ofDays(random.nextInt(10, 19)));
        }
        return new FollowUp(registration, officeHours(at, random));
    }

    record FollowUp(Registration registration, Instant at) {
    }

    /** How a generated deal ends: open until {@code close}, then won or lost when that is before asOf. */
    record Outcome(boolean closed, boolean won, Instant close, double amount) {
    }

    /**
     * Sales cycle and result from the deal's creation: partner-sourced deals close faster and win more often (seed 003:
     * partner involvement shortens the cycle and lifts the win rate), involved ones in between, solo deals slowest.
     */
    Outcome outcome(Crm crm, long index, Registration sourcedBy, boolean partnerInvolved, SplittableRandom random) {
        Instant created = layout.createdAt(crm, crm == Crm.SALESFORCE ? OPPORTUNITY : DEALS, index);
        int cycle = sourcedBy != null ? random.nextInt(25, 110) : partnerInvolved ? random.nextInt(30, 140) : random.nextInt(35, 180);
        double winRate = sourcedBy != null ? 0.5 : partnerInvolved ? 0.4 : 0.28;
        Instant close = officeHours(created.plus(Duration.ofDays(cycle)), random);
        boolean closed = close.isBefore(asOf);
        boolean won = random.nextDouble() < winRate;
        double amount = sourcedBy != null
                ? Math.round(random.nextInt(20, 300) * 500 * dealSize(sourcedBy.partner()) / 50) * 50.0
                : random.nextInt(100, 3_000) * 50.0;
        return new Outcome(closed, closed && won, close, amount);
    }

    /** Stages a generated deal can be in: its CRM's open stages, and the two closed ones. */
    static String stage(List<String> stages, Outcome outcome, SplittableRandom random) {
        if (outcome.closed()) {
            return stages.get(stages.size() - (outcome.won() ? 2 : 1));
        }
        return stages.get(random.nextInt(stages.size() - 2));
    }
}
