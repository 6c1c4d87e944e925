package com.partnersync.salesforce;

import com.partnersync.ops.CrmMonitor;
import com.partnersync.sync.ApiLimitReachedException;
import com.partnersync.sync.CrmClock;
import org.apache.camel.Exchange;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's API budget as the component's responses report it ({@code Sforce-Limit-Info: api-usage=used/max}, a
 * response header camel-salesforce hands back as a message header), the calls this service made, and the guard that
 * stops a run before it uses more than {@code max-api-share} of the daily limit other integrations depend on, and the
 * org's clock. What it learns goes to the {@link CrmMonitor} (metrics, login guard, progress lines).
 */
public class SalesforceApiUsage {
    /** Exchange property: the counter of the object read that made the call ({@link SalesforceClient#countingCalls}). */
    static final String CALLER_CALLS = "partnerSync.callerCalls";
    static final String LIMIT_INFO = "Sforce-Limit-Info";
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final double maxShare;
    private final CrmMonitor monitor;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong max = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final CrmClock clock = new CrmClock();

    /** @param monitor null for clients built outside Spring (tests, benchmarks): unmonitored */
    public SalesforceApiUsage(double maxShare, CrmMonitor monitor) {
        this.maxShare = maxShare;
        this.monitor = monitor != null ? monitor : CrmMonitor.unmonitored(SalesforceRecords.SOURCE);
    }

    CrmMonitor monitor() {
        return monitor;
    }

    /** The org's clock, from the Date header of the instance's answers ({@link OrgClockHttpClient}). */
    CrmClock clock() {
        return clock;
    }

    /** Before a call (and before each redelivery of it): refuse once the share is used, else count the call. */
    void beforeCall(Exchange exchange) {
        long limit = max.get();
        if (limit > 0 && used.get() >= maxShare * limit) {
            throw new ApiLimitReachedException("Salesforce API usage " + used.get() + "/" + limit
                    + " reached the configured share " + maxShare + " of the daily limit");
        }
        count(exchange);
    }

    /** A redelivery is another request to the org. */
    void countRedelivery(Exchange exchange) {
        count(exchange);
    }

    private void count(Exchange exchange) {
        calls.incrementAndGet();
        AtomicLong caller = exchange.getProperty(CALLER_CALLS, AtomicLong.class);
        if (caller != null) {
            caller.incrementAndGet();
        }
    }

    /** After an answered call: the usage the org reported with it. */
    void afterCall(Exchange exchange) {
        String limitInfo = exchange.getMessage().getHeader(LIMIT_INFO, String.class);
        if (limitInfo != null) {
            Matcher m = API_USAGE.matcher(limitInfo);
            if (m.find()) {
                used.set(Long.parseLong(m.group(1)));
                max.set(Long.parseLong(m.group(2)));
                monitor.apiBudget(used.get(), max.get());
            }
        }
    }

    /** API calls made since start, redeliveries included (logins are not API requests and are not counted). */
    public long calls() {
        return calls.get();
    }

    public long used() {
        return used.get();
    }

    public long max() {
        return max.get();
    }
}
