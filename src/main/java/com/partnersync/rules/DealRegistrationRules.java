package com.partnersync.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The deal-registration status machine (SPEC "Deal registration", seeds 002 and 003), as a pure function of the
 * registrations, the activities logged on their accounts and today's date.
 * <p>
 * Precedence: REJECTED (in the CRM) > INVALID (required field missing) > CONFLICT (another partner registered the same
 * domain less than protection-days earlier) > SUBMITTED (not approved) > EXPIRED (validity window or meeting gap over) >
 * APPROVED. Days are calendar days in UTC: a registration approved on day 0 is valid through day validity-days, and needs a
 * meeting by day meeting-gap-days, then by meeting-gap-days after each meeting.
 */
public final class DealRegistrationRules {
    private DealRegistrationRules() {
    }

    /** One registration; {@code columns} holds the deal_registration row so any configured required field can be checked. */
    public record Registration(long id, String partnerId, String program, String domain, String accountName, String problem,
                               LocalDate nextMeetingDate, Instant submittedAt, Instant approvedAt, String crmStatus,
                               Map<String, Object> columns) {
    }

    /** An activity on the registered account (by account link or by domain). */
    public record AccountActivity(String type, String partnerId, Instant at) {
        LocalDate date() {
            return at.atZone(ZoneOffset.UTC).toLocalDate();
        }
    }

    public record Decision(String status, String reason, String rule, Instant expiresAt, Instant nextCheckAt,
                           String acceptanceText) {
    }

    public record Credit(long conflictRegistrationId, long registrationId, String partnerId, BigDecimal share, String rule,
                         String reason) {
    }

    /** Bad input found on a registration: reported (sync_error) while the rules still decide a status for it. */
    public record Problem(long registrationId, String field, String message) {
    }

    public record Outcome(Map<Long, Decision> decisions, List<Credit> credits, List<Problem> problems) {
    }

    public static Outcome evaluate(List<Registration> registrations, Map<Long, List<AccountActivity>> activities,
                                   LocalDate today, Function<String, ProgramRules> rules) {
        // submission order decides who registered first; registrations without a submission time cannot claim an account
        List<Registration> ordered = registrations.stream()
                .sorted(Comparator.comparing(Registration::submittedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingLong(Registration::id))
                .toList();
        Map<String, List<Registration>> ownersByDomain = new HashMap<>();
        Map<Long, Decision> decisions = new LinkedHashMap<>();
        List<Credit> credits = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Registration r : ordered) {
            problems.addAll(problems(r));
            ProgramRules program = rules.apply(r.program());
            List<AccountActivity> onAccount = activities.getOrDefault(r.id(), List.of());
            if ("rejected".equals(r.crmStatus())) {
                decisions.put(r.id(), new Decision("REJECTED", "rejected in the CRM", "crm_rejected", null, null, null));
                continue;
            }
            List<String> missing = program.requiredFields().stream().filter(f -> blank(r.columns().get(f)))
                    .map(ProgramRules::label).toList();
            if (!missing.isEmpty()) {
                decisions.put(r.id(), new Decision("INVALID", "missing required fields: " + String.join(", ", missing),
                        "required_fields", null, null, null));
                continue;
            }
            Optional<Registration> first = protectingRegistration(r, ownersByDomain, rules);
            if (first.isPresent()) {
                Registration o = first.get();
                long days = ChronoUnit.DAYS.between(o.submittedAt(), r.submittedAt());
                decisions.put(r.id(), new Decision("CONFLICT", "account " + r.domain() + " registered by partner "
                        + o.partnerId() + " on " + utcDate(o.submittedAt()) + ", " + days + " days earlier (within the "
                        + rules.apply(o.program()).protectionDays() + "-day protection window)",
                        "protection_window", null, null, null));
                credits.addAll(credit(r, o, onAccount, activities.getOrDefault(o.id(), List.of())));
                continue;
            }
            if (r.domain() != null && r.submittedAt() != null) {
                ownersByDomain.computeIfAbsent(r.domain(), d -> new ArrayList<>()).add(r);
            }
            decisions.put(r.id(), lifecycle(r, onAccount, today, program));
        }
        return new Outcome(decisions, credits, problems);
    }

    private static List<Problem> problems(Registration r) {
        if ("approved".equals(r.crmStatus()) && r.approvedAt() == null) {
            return List.of(new Problem(r.id(), "approved_at",
                    "approved in the CRM without an approval date; kept SUBMITTED until it has one"));
        }
        if (r.approvedAt() != null && r.submittedAt() != null && r.approvedAt().isBefore(r.submittedAt())) {
            return List.of(new Problem(r.id(), "approved_at", "approved (" + r.approvedAt() + ") before it was submitted ("
                    + r.submittedAt() + "); the validity window counts from the approval date as given"));
        }
        return List.of();
    }

    private static Optional<Registration> protectingRegistration(Registration r, Map<String, List<Registration>> owners,
                                                                 Function<String, ProgramRules> rules) {
        if (r.domain() == null || r.submittedAt() == null) {
            return Optional.empty();
        }
        return owners.getOrDefault(r.domain(), List.of()).stream()
                .filter(o -> !o.partnerId().equals(r.partnerId()))
                .filter(o -> r.submittedAt().isBefore(o.submittedAt().plus(rules.apply(o.program()).protectionDays(), ChronoUnit.DAYS)))
                .findFirst();
    }

    /** First-touch when the first partner logged a meeting or activity on the account before the competing registration. */
    private static List<Credit> credit(Registration second, Registration first, List<AccountActivity> secondAccount,
                                       List<AccountActivity> firstAccount) {
        Optional<AccountActivity> evidence = Stream.concat(secondAccount.stream(), firstAccount.stream())
                .filter(a -> first.partnerId().equals(a.partnerId()) && a.at().isBefore(second.submittedAt()))
                .min(Comparator.comparing(AccountActivity::at));
        if (evidence.isPresent()) {
            return List.of(new Credit(second.id(), first.id(), first.partnerId(), BigDecimal.ONE, "first_touch",
                    "partner " + first.partnerId() + " logged a " + evidence.get().type() + " on " + evidence.get().date()
                            + " before the competing registration"));
        }
        String reason = "no meeting or activity by partner " + first.partnerId() + " before the competing registration";
        BigDecimal half = new BigDecimal("0.5");
        return List.of(new Credit(second.id(), first.id(), first.partnerId(), half, "split", reason),
                new Credit(second.id(), second.id(), second.partnerId(), half, "split", reason));
    }

    private static Decision lifecycle(Registration r, List<AccountActivity> onAccount, LocalDate today, ProgramRules p) {
        if (r.approvedAt() == null) {
            return new Decision("SUBMITTED", "awaiting approval", "submitted", null, null, null);
        }
        LocalDate approved = utcDate(r.approvedAt());
        LocalDate validThrough = approved.plusDays(p.validityDays());
        LocalDate lastMeeting = lastMeetingInTime(approved, onAccount, today, p.meetingGapDays());
        LocalDate meetingDeadline = lastMeeting.plusDays(p.meetingGapDays());
        if (today.isAfter(validThrough) || today.isAfter(meetingDeadline)) {
            boolean windowFirst = !validThrough.isAfter(meetingDeadline);
            LocalDate ended = windowFirst ? validThrough : meetingDeadline;
            String reason = windowFirst ? "validity window ended " + validThrough
                    : "no meeting logged on the account for " + p.meetingGapDays() + " days after " + lastMeeting;
            return new Decision("EXPIRED", reason, windowFirst ? "validity_window" : "meeting_gap",
                    startOf(ended.plusDays(1)), null, null);
        }
        LocalDate nextCheck = validThrough.isBefore(meetingDeadline) ? validThrough : meetingDeadline;
        String account = r.accountName() != null && !r.accountName().isBlank() ? r.accountName() : r.domain();
        String nextStep = r.nextMeetingDate() != null ? "meeting on " + r.nextMeetingDate() : "meeting to be scheduled";
        // a program may drop problem statement or next meeting from the required fields; the text then leaves them out
        String problem = r.problem() != null && !r.problem().isBlank() ? " on " + r.problem() : "";
        String acceptance = "Approved through " + validThrough + " for " + account + problem + ". Next step: " + nextStep + ".";
        return new Decision("APPROVED", "valid through " + validThrough + "; next meeting needed by " + meetingDeadline,
                "approval", startOf(validThrough.plusDays(1)), startOf(nextCheck.plusDays(1)), acceptance);
    }

    /**
     * Walks the meetings after approval: each one logged within the gap restarts the clock; the first one that comes too
     * late finds the registration already expired and is ignored. Meetings dated after today are not yet logged.
     */
    static LocalDate lastMeetingInTime(LocalDate approved, List<AccountActivity> onAccount, LocalDate today, int gapDays) {
        List<LocalDate> meetings = onAccount.stream().filter(a -> "meeting".equals(a.type())).map(AccountActivity::date)
                .filter(d -> d.isAfter(approved) && !d.isAfter(today)).sorted().toList();
        LocalDate anchor = approved;
        for (LocalDate meeting : meetings) {
            if (meeting.isAfter(anchor.plusDays(gapDays))) {
                break;
            }
            anchor = meeting;
        }
        return anchor;
    }

    private static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }

    private static LocalDate utcDate(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
