package com.partnersync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.sync.CrmApiException;
import com.partnersync.warehouse.RunListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a wrong credential from locking the integration user out (Salesforce locks a user after 3-10 invalid
 * logins). Keyed by CRM and a fingerprint of the credentials: a failed login stops that CRM for the rest of the cycle;
 * after {@value #MAX_FAILED_CYCLES} cycles in a row failed, no login is tried until the credentials change or
 * {@code sync --once} is run by hand; and never more than {@value #MAX_FAILED_PER_HOUR} failed logins per hour.
 * The state is kept in {@code crm_login_guard}, so restarting the process does not reset the count.
 *
 * <p>Whatever logs in (an HTTP token request, a camel-salesforce session, a call with a static token) asks
 * {@link #check} first and reports {@link #failed} or {@link #succeeded}.
 */
public class LoginGuard implements RunListener {
    private static final Logger log = LoggerFactory.getLogger(LoginGuard.class);
    static final int MAX_FAILED_CYCLES = 3;
    static final int MAX_FAILED_PER_HOUR = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private volatile long cycle;
    private volatile boolean byHand;

    /** One CRM's login record. */
    private static final class State {
        String fingerprint;
        int failedCycles;
        final Deque<Instant> failures = new ArrayDeque<>();
        String lastError;
        long failedInCycle = -1;
    }

    /** What health reports: the CRM's last login error and whether logins are suspended. */
    public record Status(String errorCode, int failedCycles, boolean suspended, String reason) {
    }

    public LoginGuard(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** A fingerprint of credential values (never the values): changes when any of them changes. */
    public static String fingerprint(String... credentials) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("partner-sync login guard".getBytes(StandardCharsets.UTF_8));
            for (String value : credentials) {
                sha.update((byte) 0);
                sha.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each run is a cycle; a run started by {@code sync --once} was asked for by hand and may try once more. */
    @Override
    public void started(long runId, String command) {
        cycle = runId;
        byHand = command.startsWith("sync");
    }

    /** Throws {@link LoginRefusedException} when a login to {@code crm} must not be tried now. */
    public void check(String crm, String fingerprint) {
        State state = state(crm, fingerprint);
        synchronized (state) {
            refusal(state).ifPresent(reason -> {
                throw new LoginRefusedException(crm + " login not tried: " + reason, state.lastError);
            });
        }
    }

    private Optional<String> refusal(State state) {
        if (state.failedInCycle == cycle) {
            return Optional.of("it failed earlier in this cycle (" + state.lastError + "); the next cycle tries again");
        }
        prune(state);
        if (state.failures.size() >= MAX_FAILED_PER_HOUR) {
            return Optional.of(MAX_FAILED_PER_HOUR + " failed logins in the last hour (" + state.lastError
                    + "); next attempt after " + state.failures.peekFirst().plus(Duration.ofHours(1)));
        }
        if (state.failedCycles >= MAX_FAILED_CYCLES && !byHand) {
            return Optional.of(state.failedCycles + " cycles in a row failed to log in (" + state.lastError
                    + "); fix the credentials, or run 'sync --once' by hand to try again");
        }
        return Optional.empty();
    }

    /**
     * A login (or a call) answered with an authentication error. Only answers that say the credentials are wrong
     * count (HTTP 400/401/403); a CRM that is down says nothing about them.
     */
    public void failed(String crm, String fingerprint, CrmApiException e) {
        if (e.status() < 400 || e.status() > 403) {
            return;
        }
        State state = state(crm, fingerprint);
        synchronized (state) {
            if (state.failedInCycle != cycle) {
                state.failedCycles++;
                state.failedInCycle = cycle;
            }
            state.failures.addLast(clock.instant());
            state.lastError = errorCode(e);
            log.error("{} login failed ({}), {} cycle(s) in a row; {}", crm, state.lastError, state.failedCycles,
                    refusal(state).map(r -> "no more logins: " + r).orElse("the next cycle tries again"));
            save(crm, state);
        }
    }

    public void succeeded(String crm, String fingerprint) {
        State state = state(crm, fingerprint);
        synchronized (state) {
            if (state.failedCycles == 0 && state.lastError == null) {
                return;
            }
            state.failedCycles = 0;
            state.lastError = null;
            state.failedInCycle = -1;
            save(crm, state);
        }
    }

    /** The CRM's last login failure, if its last login failed; empty when it succeeded or none was tried. */
    public Optional<Status> status(String crm) {
        State state = states.get(crm);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            if (state.lastError == null) {
                return Optional.empty();
            }
            Optional<String> refusal = refusal(state);
            return Optional.of(new Status(state.lastError, state.failedCycles,
                    refusal.isPresent() && state.failedInCycle != cycle, refusal.orElse("")));
        }
    }

    private State state(String crm, String fingerprint) {
        State state = states.computeIfAbsent(crm, this::load);
        synchronized (state) {
            if (!fingerprint.equals(state.fingerprint)) {
                if (state.fingerprint != null && state.lastError != null) {
                    log.info("{} credentials changed: logins allowed again", crm);
                }
                state.fingerprint = fingerprint;
                state.failedCycles = 0;
                state.failures.clear();
                state.lastError = null;
                state.failedInCycle = -1;
            }
        }
        return state;
    }

    private State load(String crm) {
        State state = new State();
        jdbc.query("select fingerprint, failed_cycles, failed_logins, last_error from crm_login_guard where source_system = ?",
                rs -> {
                    state.fingerprint = rs.getString(1);
                    state.failedCycles = rs.getInt(2);
                    Array failures = rs.getArray(3);
                    Arrays.stream((Timestamp[]) failures.getArray()).map(Timestamp::toInstant).sorted()
                            .forEach(state.failures::addLast);
                    state.lastError = rs.getString(4);
                }, crm);
        return state;
    }

    private void save(String crm, State state) {
        prune(state);
        Timestamp[] failures = state.failures.stream().map(Timestamp::from).toArray(Timestamp[]::new);
        jdbc.update(connection -> {
            var s = connection.prepareStatement("""
                    insert into crm_login_guard (source_system, fingerprint, failed_cycles, failed_logins, last_error, updated_at)
                    values (?, ?, ?, ?, ?, now())
                    on conflict (source_system) do update set fingerprint = excluded.fingerprint,
                        failed_cycles = excluded.failed_cycles, failed_logins = excluded.failed_logins,
                        last_error = excluded.last_error, updated_at = now()""");
            s.setString(1, crm);
            s.setString(2, state.fingerprint);
            s.setInt(3, state.failedCycles);
            s.setArray(4, connection.createArrayOf("timestamptz", failures));
            s.setString(5, state.lastError);
            return s;
        });
    }

    private void prune(State state) {
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        while (!state.failures.isEmpty() && !state.failures.peekFirst().isAfter(hourAgo)) {
            state.failures.removeFirst();
        }
    }

    /** The CRM's own error code: OAuth's {@code error}, HubSpot's {@code category}, else the HTTP status. */
    static String errorCode(CrmApiException e) {
        try {
            JsonNode body = JSON.readTree(e.body() == null ? "" : e.body());
            if (body != null && body.hasNonNull("error")) {
                return body.get("error").asText();
            }
            if (body != null && body.hasNonNull("category")) {
                return body.get("category").asText();
            }
        } catch (java.io.IOException ignored) {
            // not JSON: the status says enough
        }
        return "HTTP " + e.status();
    }

    /** A login the guard did not let through; no request was sent. */
    public static class LoginRefusedException extends CrmApiException {
        public LoginRefusedException(String message, String errorCode) {
            super(message, 0, errorCode == null ? "" : errorCode);
        }
    }
}
