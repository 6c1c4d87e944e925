package com.partnersync.salesforce;

import com.partnersync.testsupport.SalesforceFake;
import com.partnersync.testsupport.TestSettings;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.internal.SalesforceSession;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /services/oauth2/token} from camel-salesforce's own login loop: the Pub/Sub consumer, told by the event
 * bus that its token is no longer valid, calls {@code SalesforceSession.attemptLoginUntilSuccessful}, which would log
 * in again (unguarded) until it succeeds -- with a wrong password, a failed login every few seconds, a locked user.
 * With SalesforceConfig's login configuration (lazy login, so the component never starts its session service) that
 * loop returns at once without a token request: the subscription's only logins are the guarded ones.
 */
class OAuthTokenPubSubReloginTest {
    private static final String TOKEN = "/services/oauth2/token";
    private final SalesforceFake salesforce = new SalesforceFake();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private SalesforceSession session;

    @BeforeEach
    void start() {
        salesforce.refuseLogin();
        SalesforceProperties properties = TestSettings.bind(SalesforceProperties.class, "login-url", salesforce.baseUrl(),
                "client-id", "3MVG9-connected-app", "client-secret", "client-secret",
                "username", "integration@example.com", "password", "wrong password");
        SalesforceComponent component = new SalesforceComponent();
        component.setLoginConfig(SalesforceConfig.loginConfig(properties));
        camel.addComponent("salesforce", component);
        camel.start();
        // what ChangeSubscription sets before the consumer starts
        component.getLoginConfig().setLazyLogin(false);
        session = component.getSession();
    }

    @AfterEach
    void stop() {
        camel.stop();
        salesforce.close();
    }

    @Test
    void thePubSubConsumersLoginLoopSendsNoTokenRequest() throws Exception {
        CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> session.attemptLoginUntilSuccessful(10, 50));

        loop.get(5, TimeUnit.SECONDS);
        Thread.sleep(Duration.ofMillis(200).toMillis()); // nothing in flight either
        salesforce.server.verify(0, postRequestedFor(urlEqualTo(TOKEN)));
        assertThat(session.getAccessToken()).isNull();
    }
}
