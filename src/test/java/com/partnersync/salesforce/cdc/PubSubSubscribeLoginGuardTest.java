package com.partnersync.salesforce.cdc;

import com.partnersync.testsupport.SalesforceFake;
import com.partnersync.ops.CrmMonitor;
import com.partnersync.ops.Leadership;
import com.partnersync.ops.LoginGuard;
import com.partnersync.ops.SyncMetrics;
import com.partnersync.salesforce.SalesforceApiRoutes;
import com.partnersync.salesforce.SalesforceApiUsage;
import com.partnersync.salesforce.SalesforceClient;
import com.partnersync.salesforce.SalesforceConfig;
import com.partnersync.salesforce.SalesforceProperties;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.testsupport.TestSettings;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * {@code POST /services/oauth2/token} for the Pub/Sub subscription: when this instance becomes the active one, the
 * shared camel-salesforce session logs in through the login guard before subscribing (the production session,
 * SalesforceConfig's component and SalesforceApiRoutes, with a wrong password). One token request per cycle at most,
 * none after 3 failed cycles, and no subscription without a session.
 */
class PubSubSubscribeLoginGuardTest {
    private static final String TOKEN = "/services/oauth2/token";
    private final SalesforceFake salesforce = new SalesforceFake();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private LoginGuard guard;
    private SalesforceClient client;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.truncateAll();
        salesforce.refuseLogin();
        guard = new LoginGuard(TestDatabase.dataSource(), Clock.systemUTC());
        SalesforceProperties properties = TestSettings.bind(SalesforceProperties.class, "login-url", salesforce.baseUrl(),
                "client-id", "3MVG9-connected-app", "client-secret", "client-secret",
                "username", "integration@example.com", "password", "wrong password");
        SalesforceApiUsage usage = new SalesforceApiUsage(properties.maxApiShare(),
                new CrmMonitor("salesforce", SyncMetrics.none(), guard, null));
        camel.getRegistry().bind("salesforce", new SalesforceConfig().salesforceComponent(properties, usage));
        camel.addRoutes(new SalesforceApiRoutes(properties, usage));
        camel.start();
        client = new SalesforceClient(properties, camel.createProducerTemplate(), usage);
    }

    @AfterEach
    void stop() {
        camel.stop();
        salesforce.close();
    }

    @Test
    void becomingTheActiveInstanceLogsInThroughTheGuardBeforeSubscribing() throws Exception {
        Leadership leadership = mock(Leadership.class);
        when(leadership.isLeader()).thenReturn(true);
        ChangeSubscription subscription = mock(ChangeSubscription.class);
        ScheduledExecutorService retries = mock(ScheduledExecutorService.class); // retries are the next test's
        SalesforceCdcConfig.subscribeWhileLeading(client::login, subscription, leadership, "/data/ChangeEvents",
                retries, Duration.ofMinutes(1));
        ArgumentCaptor<Runnable> gained = ArgumentCaptor.forClass(Runnable.class);
        verify(leadership).onLeadershipGained(gained.capture());

        List<Integer> perCycle = new ArrayList<>();
        for (long cycle = 1; cycle <= 5; cycle++) {
            guard.started(cycle, "scheduled");
            int before = salesforce.server.findAll(postRequestedFor(urlEqualTo(TOKEN))).size();
            gained.getValue().run(); // this instance becomes the active one (again)
            gained.getValue().run(); // and once more in the same cycle
            perCycle.add(salesforce.server.findAll(postRequestedFor(urlEqualTo(TOKEN))).size() - before);
        }

        assertThat(perCycle).containsExactly(1, 1, 1, 0, 0);
        verify(subscription, never()).start();
        assertThat(guard.status("salesforce")).hasValueSatisfying(status -> {
            assertThat(status.errorCode()).isEqualTo("invalid_grant");
            assertThat(status.failedCycles()).isEqualTo(3);
        });
    }

    @Test
    void aFailedSubscriptionIsTriedAgainWhileThisInstanceStaysTheActiveOne() throws Exception {
        Leadership leadership = mock(Leadership.class);
        AtomicBoolean leading = new AtomicBoolean(true);
        when(leadership.isLeader()).thenAnswer(invocation -> leading.get());
        ChangeSubscription subscription = mock(ChangeSubscription.class);
        CountDownLatch subscribed = new CountDownLatch(1);
        doAnswer(invocation -> {
            subscribed.countDown();
            return null;
        }).when(subscription).start();
        AtomicInteger logins = new AtomicInteger();
        Runnable login = () -> {
            if (logins.incrementAndGet() <= 2) {
                throw new IllegalStateException("Salesforce login refused (invalid_grant)");
            }
        };
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
        try {
            SalesforceCdcConfig.subscribeWhileLeading(login, subscription, leadership, "/data/ChangeEvents", retries,
                    Duration.ofMillis(50));
            ArgumentCaptor<Runnable> gained = ArgumentCaptor.forClass(Runnable.class);
            verify(leadership).onLeadershipGained(gained.capture());

            gained.getValue().run(); // refused now and at the first retry, subscribed at the second

            assertThat(subscribed.await(10, TimeUnit.SECONDS)).as("subscribed after the retries").isTrue();
            assertThat(logins).hasValue(3);

            // refused again, then this instance stops being the active one: the retry neither logs in nor subscribes
            logins.set(0);
            gained.getValue().run();
            leading.set(false);
            Thread.sleep(300);
            assertThat(logins).hasValue(1);
            verify(subscription, times(1)).start();
        } finally {
            retries.shutdownNow();
        }
    }
}
