package com.partnersync.salesforce.cdc;

import com.partnersync.mapping.MappingSet;
import com.partnersync.ops.Leadership;
import com.partnersync.ops.ScheduleProperties;
import com.partnersync.salesforce.SalesforceClient;
import com.partnersync.salesforce.SalesforceProperties;
import com.partnersync.salesforce.SalesforceRecordFetch;
import com.partnersync.sync.CrmSource;
import com.partnersync.sync.StreamedChanges;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.StreamPositionStore;
import com.partnersync.warehouse.WarehouseWriter;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Change Data Capture beans. The subscription runs in long-running mode only (one-shot commands poll and exit), when
 * Salesforce is configured and {@code partner-sync.salesforce.cdc.enabled}, and only on the active instance: it
 * follows leadership once the application has started.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CdcProperties.class)
public class SalesforceCdcConfig {
    private static final Logger log = LoggerFactory.getLogger(SalesforceCdcConfig.class);
    /** How soon a failed subscription is tried again (the login guard bounds what the attempts cost). */
    private static final Duration SUBSCRIBE_RETRY = Duration.ofMinutes(1);

    @Bean
    SalesforceRecordFetch salesforceRecordFetch(SalesforceClient client) {
        return new SalesforceRecordFetch(client);
    }

    /** An incremental poll of one object, as the cycle runs it; its summary goes to the log. */
    @Bean
    ChangeEventApplier.IncrementalPoll salesforceIncrementalPoll(@Qualifier("salesforceSource") CrmSource salesforceSource) {
        return (object, reason) -> {
            log.info("salesforce {}: polling for changes ({})", object, reason);
            ObjectSummary summary = salesforceSource.sync(object, 0);
            log.info("salesforce {}: poll {}, {} read, {} inserted, {} updated, {} deleted", object, summary.status(),
                    summary.read(), summary.inserted(), summary.updated(), summary.deleted());
        };
    }

    @Bean
    ChangeEventApplier changeEventApplier(MappingSet mappings, SalesforceRecordFetch fetch, WarehouseWriter writer,
                                          ChangeEventApplier.IncrementalPoll poll, CdcProperties properties) {
        return new ChangeEventApplier(mappings, fetch, writer, poll, properties.channel(), properties.pollAbove());
    }

    /** A batch that changed rows (or polled) triggers the after-sync steps, debounced. */
    @Bean(destroyMethod = "close")
    ChangeStream salesforceChangeStream(ChangeEventApplier applier, CdcProperties properties, StreamedChanges streamed) {
        return new ChangeStream(applier, notifying(streamed), properties.window(), properties.maxIds(),
                properties.queueCapacity());
    }

    static Consumer<ChangeEventApplier.Applied> notifying(StreamedChanges streamed) {
        return applied -> {
            if (applied.changedRows() || !applied.polled().isEmpty()) {
                streamed.committed(ChangeEventApplier.SOURCE);
            }
        };
    }

    @Bean
    ChangeSubscription salesforceChangeSubscription(CamelContext camel, SalesforceComponent component,
                                                    StreamPositionStore positions, CdcProperties properties,
                                                    ChangeStream stream, ChangeEventApplier.IncrementalPoll poll,
                                                    MappingSet mappings, SalesforceClient client) {
        return new ChangeSubscription(camel, component, positions, properties, stream, poll,
                mappings.objects(ChangeEventApplier.SOURCE), new CdcEntitySelection(client), Clock.systemUTC());
    }

    @Bean
    ApplicationListener<ApplicationStartedEvent> salesforceChangeSubscriptionStarter(
            ChangeSubscription subscription, CdcProperties cdc, SalesforceProperties salesforce, SalesforceClient client,
            Leadership leadership, ScheduleProperties schedule) {
        return event -> {
            if (!schedule.enabled()) {
                return;
            }
            if (!cdc.enabled() || !salesforce.configured()) {
                log.info("salesforce change stream off ({}): changes arrive with the scheduled cycle",
                        cdc.enabled() ? "Salesforce not configured" : "partner-sync.salesforce.cdc.enabled=false");
                return;
            }
            if (!leadership.isLeader()) {
                log.info("salesforce change stream: standing by; subscribes if this instance becomes the active one");
            }
            subscribeWhileLeading(client::login, subscription, leadership, cdc.channel(), subscribeRetries(),
                    SUBSCRIBE_RETRY);
        };
    }

    private static ScheduledExecutorService subscribeRetries() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "salesforce-cdc-subscribe-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Only the active instance subscribes (a second subscriber would apply every event again, beside a standby's
     * idle database): the subscription starts when this instance becomes the active one, at once if it is, and stops
     * when it stops being it. A new leader resumes after the replay id its predecessor committed. {@code login} logs
     * the shared session in through the login guard first (SalesforceClient.login); the subscription then uses its
     * token instead of logging in unguarded. A failed attempt (login refused, org unreachable) is tried again every
     * {@code retryEvery} while this instance stays the active one: the guard bounds the logins that costs, and a
     * session the next cycle logged in lets the retry subscribe without a login of its own.
     */
    static void subscribeWhileLeading(Runnable login, ChangeSubscription subscription, Leadership leadership,
                                      String channel, ScheduledExecutorService retries, Duration retryEvery) {
        Runnable attempt = new Runnable() {
            private int failures;
            private ScheduledFuture<?> next;

            @Override
            public void run() {
                // under the leadership's lock, as its own hooks run: a loss cannot slip between the check and the start
                synchronized (leadership) {
                    if (!leadership.isLeader()) {
                        return;
                    }
                    try {
                        login.run();
                        subscription.start();
                        failures = 0;
                    } catch (Exception e) {
                        // the stack trace once; a refusal that lasts (the guard's) is one line a minute, not a trace
                        if (failures++ == 0) {
                            log.error("salesforce change stream could not subscribe to {}; changes arrive with the "
                                    + "scheduled cycle, next attempt in {}", channel, retryEvery, e);
                        } else {
                            log.error("salesforce change stream still not subscribed to {} ({} attempts): {}; next "
                                    + "attempt in {}", channel, failures, e, retryEvery);
                        }
                        if (next != null) {
                            next.cancel(false); // one pending retry, however often leadership was gained meanwhile
                        }
                        next = retries.schedule(this, retryEvery.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            }
        };
        leadership.onLeadershipGained(attempt);
        leadership.onLeadershipLost(() -> {
            try {
                subscription.stop();
                log.warn("salesforce change stream: unsubscribed from {}, this instance is no longer the active one", channel);
            } catch (Exception e) {
                log.error("salesforce change stream: unsubscribing from {} failed: {}", channel, e.getMessage(), e);
            }
        });
    }
}
