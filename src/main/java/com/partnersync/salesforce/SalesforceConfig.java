package com.partnersync.salesforce;

import com.partnersync.sync.CrmSource;
import com.partnersync.sync.ObjectSync;
import com.partnersync.sync.Secret;
import com.partnersync.mapping.MappingSet;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.Reconciliation;
import com.partnersync.warehouse.WarehouseWriter;
import com.partnersync.ops.CrmMonitor;
import com.partnersync.ops.LoadProgress;
import com.partnersync.ops.LoginGuard;
import com.partnersync.ops.SyncMetrics;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.SalesforceLoginConfig;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Salesforce beans. The camel-salesforce component (bean {@code salesforce}) is the one Salesforce session of the
 * service: its login configuration (username-password, refresh token or JWT, whichever is set) and HTTP client serve
 * every {@code salesforce:} endpoint, those of {@link SalesforceApiRoutes} that the source and write-back call and any
 * other route's (Pub/Sub CDC can subscribe with {@code salesforce:pubSubSubscribe:...} on the same bean). Login is
 * lazy, so without credentials every bean still starts and the Salesforce source is skipped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SalesforceProperties.class)
public class SalesforceConfig {
    private static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

    @Bean("salesforce")
    public SalesforceComponent salesforceComponent(SalesforceProperties properties, SalesforceApiUsage usage) {
        SalesforceComponent component = new SalesforceComponent();
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion(properties.apiVersion());
        // the org's clock from every answer's Date header, which the component does not pass on
        config.setHttpClient(new OrgClockHttpClient(usage.clock()));
        component.setConfig(config);
        component.setLoginConfig(loginConfig(properties));
        component.setHttpRequestTimeout(properties.requestTimeout().toMillis());
        // the component buffers each answer whole: a 2,000-record page or 50,000 Bulk CSV rows can pass its 4 MB default
        component.setHttpMaxContentLength(MAX_RESPONSE_BYTES);
        // no re-login inside the HTTP client on 401: SalesforceApiRoutes logs in again through the login guard
        component.setHttpClientProperties(new HashMap<>(Map.of("maxRetries", 0)));
        return component;
    }

    static SalesforceLoginConfig loginConfig(SalesforceProperties p) {
        SalesforceLoginConfig login = new SalesforceLoginConfig();
        login.setLoginUrl(p.loginUrl());
        login.setClientId(p.clientId());
        login.setClientSecret(SalesforceProperties.reveal(p.clientSecret()));
        login.setLazyLogin(true);
        if (p.jwt()) {
            KeyStoreParameters keystore = new KeyStoreParameters();
            keystore.setResource("file:" + p.jwtKeystore());
            keystore.setPassword(SalesforceProperties.reveal(p.jwtKeystorePassword()));
            keystore.setType("PKCS12");
            login.setKeystore(keystore);
            login.setUserName(p.username());
            login.setType(AuthenticationType.JWT);
        } else if (Secret.present(p.refreshToken())) {
            login.setRefreshToken(p.refreshToken().reveal());
            login.setType(AuthenticationType.REFRESH_TOKEN);
        } else {
            login.setUserName(p.username());
            login.setPassword(SalesforceProperties.reveal(p.password()));
            login.setType(AuthenticationType.USERNAME_PASSWORD);
        }
        return login;
    }

    @Bean
    SalesforceApiUsage salesforceApiUsage(SalesforceProperties properties, SyncMetrics metrics, LoginGuard guard,
                                          LoadProgress progress) {
        return new SalesforceApiUsage(properties.maxApiShare(),
                new CrmMonitor(SalesforceRecords.SOURCE, metrics, guard, progress));
    }

    @Bean
    SalesforceApiRoutes salesforceApiRoutes(SalesforceProperties properties, SalesforceApiUsage usage) {
        return new SalesforceApiRoutes(properties, usage);
    }

    @Bean
    SalesforceClient salesforceApi(SalesforceProperties properties, ProducerTemplate producer, SalesforceApiUsage usage) {
        return new SalesforceClient(properties, producer, usage);
    }

    @Bean
    ObjectSync<SalesforcePageReader.Read, SalesforcePageReader.Page> salesforceObjectSync(
            SalesforceClient client, MappingSet mappings, WarehouseWriter writer, CheckpointStore checkpoints,
            SalesforceProperties properties) {
        return objectSync(client, mappings, writer, checkpoints, properties);
    }

    @Bean
    SalesforceReconciler salesforceReconciler(SalesforceClient client,
                                              ObjectSync<SalesforcePageReader.Read, SalesforcePageReader.Page> objectSync,
                                              MappingSet mappings, Reconciliation reconciliation) {
        return new SalesforceReconciler(client, objectSync, mappings, reconciliation, Clock.systemUTC());
    }

    /**
     * Salesforce as a source: a {@code crm-object} route per mapped object over {@link SalesforcePageReader}, all
     * objects at once; skipped without credentials.
     */
    @Bean
    CrmSource salesforceSource(ObjectSync<SalesforcePageReader.Read, SalesforcePageReader.Page> objectSync,
                               MappingSet mappings, ProducerTemplate producer, SalesforceClient client) {
        return source(objectSync, mappings, producer, client);
    }

    /** The object steps over {@link SalesforcePageReader}, wired in plain Java (tests and benchmarks use this too). */
    public static ObjectSync<SalesforcePageReader.Read, SalesforcePageReader.Page> objectSync(
            SalesforceClient client, MappingSet mappings, WarehouseWriter writer, CheckpointStore checkpoints,
            SalesforceProperties properties) {
        return new ObjectSync<>(new SalesforcePageReader(client, mappings, writer, checkpoints, properties),
                mappings::map, writer);
    }

    /** The source wired in plain Java: route ids {@link #routeId}. */
    public static CrmSource source(ObjectSync<?, ?> objectSync, MappingSet mappings, ProducerTemplate producer,
                                   SalesforceClient client) {
        Map<String, String> routeIds = new LinkedHashMap<>();
        for (String object : mappings.objects(SalesforceRecords.SOURCE)) {
            routeIds.put(object, routeId(object));
        }
        return new CrmSource(objectSync, routeIds, producer, client::configured);
    }

    /** {@code salesforce-account}, {@code salesforce-deal-registration} (Deal_Registration__c), ... */
    static String routeId(String object) {
        String name = Soql.objectName(object).replaceAll("__c$", "").replace('_', '-').toLowerCase(Locale.ROOT);
        return "salesforce-" + name;
    }
}
