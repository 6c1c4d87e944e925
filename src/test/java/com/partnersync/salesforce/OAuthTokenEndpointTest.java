package com.partnersync.salesforce;

import java.util.LinkedHashMap;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.testsupport.SalesforceClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.partnersync.sync.CrmApiException;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.testsupport.SalesforceFake;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code POST /services/oauth2/token}: the three connected-app flows, chosen by which credentials are set. */
class OAuthTokenEndpointTest {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private static final String KEYSTORE_PASSWORD = "keystore-secret";

    @TempDir
    Path dir;
    private SalesforceFake sandbox;

    @BeforeEach
    void start() {
        sandbox = SalesforceFake.over(SandboxDataset.builder().scale(0.01).build());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private SalesforceProperties properties(String flow) throws Exception {
        return TestSettings.bind(SalesforceProperties.class, settings(flow));
    }

    private Map<String, Object> settings(String flow) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("login-url", sandbox.baseUrl(),
                "client-id", "3MVG9-connected-app", "client-secret", "client-secret", "username", "integration@example.com"));
        switch (flow) {
            case "password" -> p.put("password", "password+token");
            case "refresh_token" -> p.put("refresh-token", "5Aep861-refresh");
            case "jwt-bearer" -> {
                p.put("jwt-keystore", keystore().toString());
                p.put("jwt-keystore-password", KEYSTORE_PASSWORD);
            }
            default -> throw new IllegalArgumentException(flow);
        }
        return p;
    }

    /** A PKCS12 keystore with an RSA key pair, made by the JDK's keytool as an operator would. */
    private Path keystore() throws Exception {
        Path keystore = dir.resolve("salesforce.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "salesforce", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=partner-sync",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        return keystore;
    }

    private Map<String, String> tokenRequestForm() {
        List<LoggedRequest> requests = sandbox.server.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token")));
        assertThat(requests).hasSize(1);
        Map<String, String> form = new HashMap<>();
        for (String pair : requests.get(0).getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    @ParameterizedTest(name = "{0} flow")
    @ValueSource(strings = {"password", "refresh_token", "jwt-bearer"})
    void eachFlowLogsInAndTheSessionServesApiCalls(String flow) throws Exception {
        SalesforceClient client = salesforce.open(properties(flow));

        JsonNode limits = client.call("GET", "/limits", null);

        assertThat(client.configured()).isTrue();
        assertThat(limits.path("DailyApiRequests").path("Max").asLong()).isPositive();
        assertThat(client.apiMax()).isEqualTo(limits.path("DailyApiRequests").path("Max").asLong());
        Map<String, String> form = tokenRequestForm();
        assertThat(form.get("grant_type")).endsWith(flow);
        switch (flow) {
            case "password" -> assertThat(form).containsEntry("username", "integration@example.com")
                    .containsEntry("password", "password+token").containsEntry("client_id", "3MVG9-connected-app");
            case "refresh_token" -> assertThat(form).containsEntry("refresh_token", "5Aep861-refresh")
                    .containsEntry("client_secret", "client-secret");
            default -> assertSignedJwt(form.get("assertion"));
        }
    }

    /** The assertion is an RS256 JWT for the connected app and user, signed by the keystore's key. */
    private void assertSignedJwt(String assertion) throws Exception {
        String[] parts = assertion.split("\\.");
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("iss").asText()).isEqualTo("3MVG9-connected-app");
        assertThat(claims.path("sub").asText()).isEqualTo("integration@example.com");
        assertThat(claims.path("aud").asText()).isEqualTo(sandbox.baseUrl());
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("salesforce.p12"))) {
            keyStore.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keyStore.getCertificate("salesforce").getPublicKey());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void withoutCredentialsTheClientIsNotConfigured() {
        SalesforceProperties p = TestSettings.bind(SalesforceProperties.class, "client-id", "3MVG9-connected-app");

        assertThat(salesforce.open(p).configured()).isFalse();
    }

    @Test
    void aRefusedLoginFailsWithTheTokenEndpointErrorAndNeverTheSecret() throws Exception {
        Map<String, Object> settings = settings("password");
        settings.put("username", "");
        SalesforceProperties p = TestSettings.bind(SalesforceProperties.class, settings);

        assertThatThrownBy(() -> salesforce.open(p).call("GET", "/limits", null))
                .isInstanceOf(CrmApiException.class)
                .hasMessageContaining("Salesforce login (USERNAME_PASSWORD) failed with HTTP 400")
                .hasMessageNotContaining("password+token")
                .satisfies(e -> assertThat(((CrmApiException) e).body()).contains("invalid_grant").doesNotContain("password+token"));
    }
}
