package com.partnersync.salesforce;

import com.partnersync.sync.CrmClock;
import org.apache.camel.component.salesforce.SalesforceHttpClient;
import org.eclipse.jetty.client.transport.HttpConversation;
import org.eclipse.jetty.client.transport.HttpRequest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * camel-salesforce's HTTP client (the component's default settings) that hands the {@code Date} header of every
 * answer from the org's instance to the org's clock ({@link CrmClock}): the component passes only Sforce-* headers on
 * to the routes. Token answers are left out; they may come from the login server.
 */
final class OrgClockHttpClient extends SalesforceHttpClient {
    /** The component's own defaults (SalesforceComponent.CONNECTION_TIMEOUT, IDLE_TIMEOUT). */
    private static final long CONNECT_TIMEOUT_MILLIS = 60_000;
    private static final long IDLE_TIMEOUT_MILLIS = 10_000;
    /** The component's default worker pool size: the threads that hand answers back to the routes. */
    private static final int WORKERS = 10;

    private final CrmClock clock;

    OrgClockHttpClient(CrmClock clock) {
        // stopping the client shuts the worker pool down
        super(null, Executors.newFixedThreadPool(WORKERS, worker()), new SslContextFactory.Client());
        this.clock = clock;
        setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    }

    private static ThreadFactory worker() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "SalesforceHttpClient-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public HttpRequest newHttpRequest(HttpConversation conversation, URI uri) {
        HttpRequest request = super.newHttpRequest(conversation, uri);
        if (!uri.getPath().endsWith("/oauth2/token")) {
            request.onResponseHeaders(response -> clock.observe(response.getHeaders().get(HttpHeader.DATE), Instant.now()));
        }
        return request;
    }
}
