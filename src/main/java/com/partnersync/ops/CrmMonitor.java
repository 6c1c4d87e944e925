package com.partnersync.ops;

import com.partnersync.sync.CrmApiException;

import java.util.function.Supplier;

/**
 * What a CRM client reports about itself, for one CRM: every answer and the API budget ({@link SyncMetrics}), its
 * logins ({@link LoginGuard}) and how many records a read will return ({@link LoadProgress}). The clients' only
 * dependency on monitoring.
 */
public final class CrmMonitor {
    private final String source;
    private final SyncMetrics metrics;
    private final LoginGuard guard;
    private final LoadProgress progress;

    public CrmMonitor(String source, SyncMetrics metrics, LoginGuard guard, LoadProgress progress) {
        this.source = source;
        this.metrics = metrics;
        this.guard = guard;
        this.progress = progress;
    }

    /** For clients built outside Spring (tests, benchmarks): metrics nobody reads, no login guard, no progress lines. */
    public static CrmMonitor unmonitored(String source) {
        return new CrmMonitor(source, SyncMetrics.none(), null, null);
    }

    /** The CRM said how many records a read of {@code object} will return (for progress and ETA). */
    public void expect(String object, long total) {
        if (progress != null) {
            progress.expect(source, object, total);
        }
    }

    /** One HTTP answer ({@code status} 0 when none came) to a request of {@code kind} (SyncMetrics.AUTH/READ/WRITE). */
    public void response(String kind, int status) {
        metrics.response(source, kind, status);
    }

    public void apiBudget(long used, long limit) {
        metrics.apiBudget(source, used, limit);
    }

    /**
     * Runs a login the guard allows: refused ({@link LoginGuard.LoginRefusedException}, nothing sent) after a failure
     * this cycle, 3 failed cycles or 3 failed logins this hour; an authentication error it throws is counted.
     */
    public <T> T login(String credentialFingerprint, Supplier<T> login) {
        checkLogin(credentialFingerprint);
        try {
            T session = login.get();
            loginSucceeded(credentialFingerprint);
            return session;
        } catch (CrmApiException e) {
            loginFailed(credentialFingerprint, e);
            throw e;
        }
    }

    /** For CRMs without a login request (a static token): asked before each call. */
    public void checkLogin(String credentialFingerprint) {
        if (guard != null) {
            guard.check(source, credentialFingerprint);
        }
    }

    public void loginFailed(String credentialFingerprint, CrmApiException e) {
        if (guard != null) {
            guard.failed(source, credentialFingerprint, e);
        }
    }

    public void loginSucceeded(String credentialFingerprint) {
        if (guard != null) {
            guard.succeeded(source, credentialFingerprint);
        }
    }
}
