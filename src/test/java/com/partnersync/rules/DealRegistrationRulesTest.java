package com.partnersync.rules;

import com.partnersync.rules.DealRegistrationRules.AccountActivity;
import com.partnersync.rules.DealRegistrationRules.Credit;
import com.partnersync.rules.DealRegistrationRules.Decision;
import com.partnersync.rules.DealRegistrationRules.Outcome;
import com.partnersync.rules.DealRegistrationRules.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DealRegistrationRulesTest {
    private static final LocalDate DAY0 = LocalDate.of(2026, 1, 5);
    private static final ProgramRules SEED = ProgramRules.seedDefaults();

    static Instant day(int n) {
        return DAY0.plusDays(n).atTime(10, 30).toInstant(ZoneOffset.UTC);
    }

    static Registration registration(long id, String partner, String domain, Instant submitted, Instant approved,
                                     String... missing) {
        Map<String, Object> columns = new HashMap<>(Map.of("account_url", "https://" + domain, "buyer_role", "CFO",
                "problem_statement", "slow invoicing", "next_meeting_date", "2026-02-01"));
        Arrays.stream(missing).forEach(columns::remove);
        return new Registration(id, partner, null, domain, "Acme Corp", "slow invoicing", LocalDate.of(2026, 2, 1),
                submitted, approved, approved != null ? "approved" : "submitted", columns);
    }

    /** A program with its own deal-registration numbers and the seed segmentation values. */
    static ProgramRules program(int validityDays, int meetingGapDays, int protectionDays, List<String> requiredFields) {
        return new ProgramRules(validityDays, meetingGapDays, protectionDays, requiredFields, null, null, SEED.platinumShare(),
                SEED.goldShare(), SEED.silverShare(), SEED.bracket1Limit(), SEED.bracket1Rate(), SEED.bracket2Limit(),
                SEED.bracket2Rate(), SEED.bracket3Rate(), SEED.tierWindowDays());
    }

    static Decision decide(Registration r, List<AccountActivity> activities, int today) {
        return DealRegistrationRules.evaluate(List.of(r), Map.of(r.id(), activities), DAY0.plusDays(today), p -> SEED)
                .decisions().get(r.id());
    }

    static List<AccountActivity> meetings(String days) {
        if (days.isBlank()) {
            return List.of();
        }
        return Arrays.stream(days.split(" ")).map(d -> new AccountActivity("meeting", "P1", day(Integer.parseInt(d)))).toList();
    }

    @ParameterizedTest(name = "missing {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "account_url                   | missing required fields: account URL",
            "buyer_role                    | missing required fields: buyer role",
            "problem_statement             | missing required fields: problem statement",
            "next_meeting_date             | missing required fields: next meeting date",
            "account_url buyer_role next_meeting_date | missing required fields: account URL, buyer role, next meeting date",
    })
    void aRegistrationMissingARequiredFieldIsInvalidAndNamesEachOne(String missing, String reason) {
        Decision d = decide(registration(1, "P1", "acme.com", day(-1), day(0), missing.split(" ")), List.of(), 5);
        assertThat(d.status()).isEqualTo("INVALID");
        assertThat(d.reason()).isEqualTo(reason);
        assertThat(d.acceptanceText()).isNull();
    }

    @ParameterizedTest(name = "day {0} after approval -> {1}")
    @CsvSource(delimiter = '|', value = {
            "89 | APPROVED | valid through 2026-04-05; next meeting needed by 2026-04-16",
            "90 | APPROVED | valid through 2026-04-05; next meeting needed by 2026-04-16",
            "91 | EXPIRED  | validity window ended 2026-04-05",
    })
    void aRegistrationIsValidNinetyDaysFromApproval(int today, String status, String reason) {
        // a meeting every 20 days keeps the meeting clock running, so only the validity window can end it
        Decision d = decide(registration(1, "P1", "acme.com", day(-2), day(0)), meetings("20 40 60 80"), today);
        assertThat(d.status()).isEqualTo(status);
        assertThat(d.reason()).isEqualTo(reason);
        assertThat(d.expiresAt()).isEqualTo(DAY0.plusDays(91).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @ParameterizedTest(name = "meetings on days [{0}], today day {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "         | 21 | APPROVED | valid through 2026-04-05; next meeting needed by 2026-01-26",
            "         | 22 | EXPIRED  | no meeting logged on the account for 21 days after 2026-01-05",
            "21       | 30 | APPROVED | valid through 2026-04-05; next meeting needed by 2026-02-16",
            "22       | 30 | EXPIRED  | no meeting logged on the account for 21 days after 2026-01-05",
            "15 30    | 51 | APPROVED | valid through 2026-04-05; next meeting needed by 2026-02-25",
            "15 30    | 52 | EXPIRED  | no meeting logged on the account for 21 days after 2026-02-04",
            "15 37    | 40 | EXPIRED  | no meeting logged on the account for 21 days after 2026-01-20",
            "-3       | 22 | EXPIRED  | no meeting logged on the account for 21 days after 2026-01-05",
            "10 40    | 30 | APPROVED | valid through 2026-04-05; next meeting needed by 2026-02-05",
    })
    void aRegistrationExpiresAfterTwentyOneDaysWithoutAMeetingAndEachMeetingResetsTheClock(String days, int today,
                                                                                             String status, String reason) {
        Decision d = decide(registration(1, "P1", "acme.com", day(-5), day(0)), meetings(days == null ? "" : days), today);
        assertThat(d.status()).isEqualTo(status);
        assertThat(d.reason()).isEqualTo(reason);
    }

    @Test
    void meetingsNeverExtendTheNinetyDayWindow() {
        Decision d = decide(registration(1, "P1", "acme.com", day(-5), day(0)), meetings("20 40 60 80 90"), 95);
        assertThat(d.status()).isEqualTo("EXPIRED");
        assertThat(d.reason()).isEqualTo("validity window ended 2026-04-05");
    }

    @Test
    void anApprovedRegistrationCarriesTheSeedAcceptanceTextAndItsNextCheck() {
        Decision d = decide(registration(1, "P1", "acme.com", day(-5), day(0)), meetings("10"), 12);
        assertThat(d.acceptanceText())
                .isEqualTo("Approved through 2026-04-05 for Acme Corp on slow invoicing. Next step: meeting on 2026-02-01.");
        assertThat(d.nextCheckAt()).isEqualTo(LocalDate.of(2026, 2, 6).atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(d.rule()).isEqualTo("approval");
    }

    @ParameterizedTest(name = "problem [{0}], next meeting [{1}]")
    @CsvSource(delimiter = '|', value = {
            "slow invoicing | 2026-02-01 | Approved through 2026-04-05 for Acme Corp on slow invoicing. Next step: meeting on 2026-02-01.",
            "               | 2026-02-01 | Approved through 2026-04-05 for Acme Corp. Next step: meeting on 2026-02-01.",
            "slow invoicing |            | Approved through 2026-04-05 for Acme Corp on slow invoicing. Next step: meeting to be scheduled.",
    })
    void theAcceptanceTextLeavesOutWhatAProgramDoesNotRequire(String problem, LocalDate nextMeeting, String text) {
        Registration r = new Registration(1, "P1", null, "acme.com", "Acme Corp", problem, nextMeeting, day(-1), day(0),
                "approved", Map.of("account_url", "https://acme.com"));
        ProgramRules urlOnly = program(90, 21, 30, List.of("account_url"));
        Decision d = DealRegistrationRules.evaluate(List.of(r), Map.of(), DAY0.plusDays(3), p -> urlOnly).decisions().get(1L);
        assertThat(d.acceptanceText()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not yet approved | submitted | SUBMITTED | awaiting approval",
            "rejected in CRM  | rejected  | REJECTED  | rejected in the CRM",
    })
    void registrationsNotApprovedKeepTheirCrmState(String name, String crmStatus, String status, String reason) {
        Registration r = registration(1, "P1", "acme.com", day(-5), null);
        r = new Registration(r.id(), r.partnerId(), null, r.domain(), r.accountName(), r.problem(), r.nextMeetingDate(),
                r.submittedAt(), null, crmStatus, r.columns());
        Decision d = decide(r, List.of(), 3);
        assertThat(d.status()).isEqualTo(status);
        assertThat(d.reason()).isEqualTo(reason);
        assertThat(d.expiresAt()).isNull();
    }

    @ParameterizedTest(name = "second registration {0} days later by {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "29 | P2 | CONFLICT",
            "30 | P2 | APPROVED",
            "31 | P2 | APPROVED",
            "29 | P1 | APPROVED",
    })
    void aCompetingRegistrationWithinThirtyDaysOfTheFirstIsAConflict(int daysApart, String partner, String status) {
        Registration first = registration(1, "P1", "acme.com", day(0), day(1));
        Registration second = registration(2, partner, "acme.com", day(daysApart), day(daysApart + 1));
        Outcome outcome = DealRegistrationRules.evaluate(List.of(second, first), Map.of(), DAY0.plusDays(daysApart + 2), p -> SEED);
        assertThat(outcome.decisions().get(2L).status()).isEqualTo(status);
        assertThat(outcome.decisions().get(1L).status()).isIn("APPROVED", "EXPIRED");
        if (status.equals("CONFLICT")) {
            assertThat(outcome.decisions().get(2L).reason())
                    .isEqualTo("account acme.com registered by partner P1 on 2026-01-05, 29 days earlier (within the 30-day protection window)");
        } else {
            assertThat(outcome.credits()).isEmpty();
        }
    }

    @Test
    void anInvalidRegistrationDoesNotProtectTheAccount() {
        Registration first = registration(1, "P1", "acme.com", day(0), null, "buyer_role");
        Registration second = registration(2, "P2", "acme.com", day(5), day(6));
        Outcome outcome = DealRegistrationRules.evaluate(List.of(first, second), Map.of(), DAY0.plusDays(7), p -> SEED);
        assertThat(outcome.decisions().get(1L).status()).isEqualTo("INVALID");
        assertThat(outcome.decisions().get(2L).status()).isEqualTo("APPROVED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "P1 met the account before            | meeting | P1 | 3  | first_touch | 1:P1:1",
            "P1 logged a call before              | call    | P1 | 3  | first_touch | 1:P1:1",
            "P1 activity only after the second    | meeting | P1 | 12 | split       | 1:P1:0.5 2:P2:0.5",
            "only the competing partner met       | meeting | P2 | 3  | split       | 1:P1:0.5 2:P2:0.5",
    })
    void creditGoesToTheFirstPartnerWhenItEvidencesDiscoveryOtherwiseItIsSplit(String name, String type, String partner,
                                                                               int activityDay, String rule, String expected) {
        Registration first = registration(1, "P1", "acme.com", day(0), day(1));
        Registration second = registration(2, "P2", "acme.com", day(10), null);
        Map<Long, List<AccountActivity>> activities = Map.of(2L, List.of(new AccountActivity(type, partner, day(activityDay))));
        List<Credit> credits = DealRegistrationRules.evaluate(List.of(first, second), activities, DAY0.plusDays(14), p -> SEED).credits();
        assertThat(credits).allSatisfy(c -> {
            assertThat(c.rule()).isEqualTo(rule);
            assertThat(c.conflictRegistrationId()).isEqualTo(2L);
        });
        assertThat(credits).extracting(c -> c.registrationId() + ":" + c.partnerId() + ":" + c.share().stripTrailingZeros().toPlainString())
                .containsExactly(expected.split(" "));
        assertThat(credits.stream().map(Credit::share).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1");
    }

    @Test
    void thresholdsComeFromTheRegistrationsProgram() {
        ProgramRules shortProgram = program(30, 7, 10, List.of("account_url"));
        Registration r = registration(1, "P1", "acme.com", day(-1), day(0), "buyer_role");
        r = new Registration(1, "P1", "short", r.domain(), r.accountName(), r.problem(), r.nextMeetingDate(), r.submittedAt(),
                r.approvedAt(), r.crmStatus(), r.columns());
        Decision d = DealRegistrationRules.evaluate(List.of(r), Map.of(), DAY0.plusDays(8),
                p -> "short".equals(p) ? shortProgram : SEED).decisions().get(1L);
        assertThat(d.status()).isEqualTo("EXPIRED");
        assertThat(d.reason()).isEqualTo("no meeting logged on the account for 7 days after 2026-01-05");
    }
}
