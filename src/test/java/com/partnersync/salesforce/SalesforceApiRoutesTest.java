package com.partnersync.salesforce;

import com.partnersync.testsupport.TestSettings;
import com.partnersync.sync.ApiLimitReachedException;
import com.partnersync.sync.CrmApiException;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retry and budget rules declared in {@link SalesforceApiRoutes}, on route {@code salesforce-api-query-all} with
 * its {@code salesforce:queryAll} endpoint (in sub-route {@code salesforce-api-query-all-call}, with the check of the
 * answer) replaced by a mock (AdviceWith) that answers as Salesforce does.
 */
class SalesforceApiRoutesTest {
    private static final String PAGE = "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"0015g00000AAAAAAAA\"}]}";

    private final SalesforceApiUsage usage = new SalesforceApiUsage(0.9, null);
    private CamelContext camel;
    private MockEndpoint salesforce;
    private SalesforceClient client;

    @BeforeEach
    void start() throws Exception {
        SalesforceProperties properties = TestSettings.bind(SalesforceProperties.class, "max-attempts", 3,
                "initial-backoff", "1ms");
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("salesforce", new SalesforceConfig().salesforceComponent(properties, usage));
        camel.addRoutes(new SalesforceApiRoutes(properties, usage));
        AdviceWith.adviceWith(camel, "salesforce-api-query-all-call", route -> {
            route.weaveById("salesforce-api-query-all-login").remove();
            route.weaveById("salesforce-api-query-all-endpoint").replace().to("mock:salesforce");
        });
        camel.start();
        salesforce = camel.getEndpoint("mock:salesforce", MockEndpoint.class);
        client = new SalesforceClient(properties, camel.createProducerTemplate(), usage);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private static Processor fail(int status, String errorCode, String message) {
        return exchange -> {
            throw new SalesforceException(List.of(new RestError(errorCode, message)), status);
        };
    }

    private static Processor answer(String limitInfo) {
        return exchange -> {
            exchange.getMessage().setBody(PAGE);
            exchange.getMessage().setHeader("Sforce-Limit-Info", limitInfo);
        };
    }

    static Stream<Arguments> retriedAnswers() {
        return Stream.of(
                Arguments.of("503 SERVER_UNAVAILABLE", fail(503, "SERVER_UNAVAILABLE", "Service temporarily unavailable")),
                Arguments.of("500 UNKNOWN_EXCEPTION", fail(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred")),
                Arguments.of("403 REQUEST_LIMIT_EXCEEDED (concurrent)",
                        fail(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.")),
                Arguments.of("200 with an HTML page", (Processor) exchange -> exchange.getMessage().setBody(
                        "<!DOCTYPE html><html><body>The server is temporarily unable to service your request.</body></html>")),
                Arguments.of("200 with a cut-off page", (Processor) exchange -> exchange.getMessage().setBody(PAGE.substring(0, 40))),
                Arguments.of("no answer (timeout)", (Processor) exchange -> {
                    throw new SalesforceException("Unexpected error {0:null} executing {GET:...}", 0, new TimeoutException());
                }));
    }

    @ParameterizedTest(name = "{0}, twice: redelivered, the third attempt reads the page")
    @MethodSource("retriedAnswers")
    void transientFailuresAreRedelivered(String what, Processor failure) {
        salesforce.whenExchangeReceived(1, failure);
        salesforce.whenExchangeReceived(2, failure);
        salesforce.whenExchangeReceived(3, answer("api-usage=40/15000"));

        var page = client.query("SELECT Id FROM Account", true);

        assertThat(page.path("records").get(0).path("Id").asText()).isEqualTo("0015g00000AAAAAAAA");
        assertThat(salesforce.getReceivedCounter()).isEqualTo(3);
        assertThat(client.apiCalls()).as("redeliveries are API calls too").isEqualTo(3);
        assertThat(client.apiUsed()).isEqualTo(40);
    }

    @Test
    void aTransientFailureThatOutlastsMaxAttemptsFailsWithTheErrorBody() {
        salesforce.whenAnyExchangeReceived(fail(503, "SERVER_UNAVAILABLE", "Service temporarily unavailable"));

        assertThatThrownBy(() -> client.query("SELECT Id FROM Account", true))
                .isInstanceOf(CrmApiException.class)
                .satisfies(e -> assertThat(((CrmApiException) e).status()).isEqualTo(503))
                .satisfies(e -> assertThat(((CrmApiException) e).body()).contains("SERVER_UNAVAILABLE"));
        assertThat(salesforce.getReceivedCounter()).isEqualTo(3);
    }

    @Test
    void aMalformedQueryIsNotRetried() {
        salesforce.whenAnyExchangeReceived(fail(400, "MALFORMED_QUERY", "unexpected token: FORM"));

        assertThatThrownBy(() -> client.query("SELECT Id FORM Account", true))
                .isInstanceOf(CrmApiException.class)
                .satisfies(e -> assertThat(((CrmApiException) e).body()).contains("MALFORMED_QUERY"));
        assertThat(salesforce.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void theDailyLimitGoneIsNotRetriedAndPausesTheRun() {
        salesforce.whenAnyExchangeReceived(fail(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));

        assertThatThrownBy(() -> client.query("SELECT Id FROM Account", true)).isInstanceOf(ApiLimitReachedException.class);
        assertThat(salesforce.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void pastTheConfiguredShareOfTheDailyLimitTheNextCallIsNotSent() {
        salesforce.whenAnyExchangeReceived(answer("api-usage=13600/15000"));
        client.query("SELECT Id FROM Account", true);

        assertThatThrownBy(() -> client.query("SELECT Id FROM Account", true))
                .isInstanceOf(ApiLimitReachedException.class).hasMessageContaining("13600/15000");
        assertThat(salesforce.getReceivedCounter()).isEqualTo(1);
        assertThat(client.apiMax()).isEqualTo(15000);
    }
}
