package com.partnersync.ops;

import com.partnersync.sync.CrmApiException;
import com.partnersync.testsupport.MutableClock;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * LoginGuard's rules: one failed login stops the CRM for the cycle; 3 failed cycles in a row stop it until the
 * credentials change or sync --once is run by hand; never more than 3 failed logins within an hour; only answers
 * that reject the credentials count. The state survives a restart (crm_login_guard).
 */
class LoginGuardTest {
    private static final String WRONG = LoginGuard.fingerprint("integration@example.com", "wrong password");
    private static final String FIXED = LoginGuard.fingerprint("integration@example.com", "right password");
    private static final String INVALID_GRANT = "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private LoginGuard guard;
    private long runId;
    private final AtomicInteger tokenRequests = new AtomicInteger();

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll();
        guard = new LoginGuard(TestDatabase.dataSource(), clock);
    }

    private CrmMonitor salesforce() {
        return new CrmMonitor("salesforce", SyncMetrics.none(), guard, null);
    }

    /** A cycle whose 7 objects each need a session; the token endpoint rejects {@code credentials} when WRONG. */
    private void cycle(String command, String credentials) {
        guard.started(++runId, command);
        for (int object = 0; object < 7; object++) {
            try {
                salesforce().login(credentials, () -> {
                    tokenRequests.incrementAndGet();
                    if (credentials.equals(WRONG)) {
                        throw new CrmApiException("Salesforce login (password) failed with HTTP 400", 400, INVALID_GRANT);
                    }
                    return "session";
                });
            } catch (CrmApiException expected) {
                // the object fails; the next one asks again
            }
        }
    }

    private int tokenRequestsOf(Runnable cycle) {
        int before = tokenRequests.get();
        cycle.run();
        return tokenRequests.get() - before;
    }

    @Test
    void aWrongPasswordCostsOneTokenRequestPerCycleAndNoneAfterThreeFailedCycles() {
        for (int i = 1; i <= 3; i++) {
            clock.set(clock.instant().plus(Duration.ofMinutes(30))); // 3 failures spread over more than an hour
            assertThat(tokenRequestsOf(() -> cycle("scheduled", WRONG))).as("cycle " + i).isEqualTo(1);
        }
        clock.set(clock.instant().plus(Duration.ofHours(2)));
        assertThat(tokenRequestsOf(() -> cycle("scheduled", WRONG))).as("4th cycle").isZero();
        assertThat(guard.status("salesforce")).hasValueSatisfying(status -> {
            assertThat(status.errorCode()).isEqualTo("invalid_grant");
            assertThat(status.failedCycles()).isEqualTo(3);
            assertThat(status.suspended()).isTrue();
            assertThat(status.reason()).contains("run 'sync --once' by hand");
        });
    }

    @Test
    void syncOnceByHandTriesOnceMoreAndNewCredentialsStartAfresh() {
        for (int i = 0; i < 3; i++) {
            clock.set(clock.instant().plus(Duration.ofMinutes(30)));
            cycle("scheduled", WRONG);
        }
        clock.set(clock.instant().plus(Duration.ofHours(1)));
        assertThat(tokenRequestsOf(() -> cycle("sync --once", WRONG))).as("by hand").isEqualTo(1);
        assertThat(tokenRequestsOf(() -> cycle("scheduled", WRONG))).as("scheduled again").isZero();

        assertThat(tokenRequestsOf(() -> cycle("scheduled", FIXED))).as("credentials changed").isEqualTo(7);
        assertThat(guard.status("salesforce")).isEmpty();
    }

    @Test
    void neverMoreThanThreeFailedLoginsWithinAnHourEvenByHand() {
        for (int i = 0; i < 3; i++) {
            clock.set(clock.instant().plus(Duration.ofMinutes(5)));
            assertThat(tokenRequestsOf(() -> cycle("sync --once", WRONG))).isEqualTo(1);
        }
        assertThat(tokenRequestsOf(() -> cycle("sync --once", WRONG))).as("4th within the hour").isZero();
        assertThat(guard.status("salesforce").orElseThrow().reason()).contains("3 failed logins in the last hour");

        clock.set(clock.instant().plus(Duration.ofMinutes(55)));
        assertThat(tokenRequestsOf(() -> cycle("sync --once", WRONG))).as("the first failure is an hour old").isEqualTo(1);
    }

    @Test
    void theCountSurvivesARestart() {
        for (int i = 0; i < 3; i++) {
            clock.set(clock.instant().plus(Duration.ofMinutes(30)));
            cycle("scheduled", WRONG);
        }
        guard = new LoginGuard(TestDatabase.dataSource(), clock); // a new process
        clock.set(clock.instant().plus(Duration.ofHours(2)));
        assertThat(tokenRequestsOf(() -> cycle("scheduled", WRONG))).isZero();
        assertThat(TestDatabase.jdbc().queryForObject("select fingerprint from crm_login_guard", String.class))
                .isEqualTo(WRONG).doesNotContain("wrong password");
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> counted: {2}")
    @CsvSource(delimiter = '|', value = {
            "400 | {\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"} | true  | invalid_grant",
            "401 | {\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"} | true | invalid_client",
            "401 | {\"status\":\"error\",\"category\":\"INVALID_AUTHENTICATION\",\"message\":\"bad token\"} | true | INVALID_AUTHENTICATION",
            "403 | forbidden | true | HTTP 403",
            "500 | {\"error\":\"server_error\"} | false | ",
            "503 | '' | false | ",
            "0   | '' | false | "})
    void onlyAnswersRejectingTheCredentialsCount(int status, String body, boolean counted, String code) {
        guard.started(1, "scheduled");
        guard.failed("salesforce", WRONG, new CrmApiException("login failed", status, body));
        assertThat(guard.status("salesforce").map(LoginGuard.Status::errorCode).orElse(null)).isEqualTo(counted ? code : null);
    }

    @Test
    void aRefusedLoginSaysWhyAndSendsNothing() {
        cycle("scheduled", WRONG);
        assertThatThrownBy(() -> salesforce().login(WRONG, () -> {
            throw new AssertionError("must not be called");
        })).isInstanceOf(LoginGuard.LoginRefusedException.class)
                .hasMessage("salesforce login not tried: it failed earlier in this cycle (invalid_grant); the next cycle tries again");
    }
}
