package com.partnersync.salesforce;

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

/**
 * The Salesforce beans. The camel-salesforce component carries the org's login configuration (for routes that use
 * {@code salesforce:} endpoints, such as streaming); the shared REST session used by the sync and write-back is
 * {@link SalesforceClient}, built from the same properties. Without credentials every bean still starts and
 * {@link SalesforceSync#configured()} is false.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SalesforceProperties.class)
public class SalesforceConfig {
    @Bean("salesforce")
    SalesforceComponent salesforceComponent(SalesforceProperties properties) {
        SalesforceComponent component = new SalesforceComponent();
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion(properties.getApiVersion());
        component.setConfig(config);
        if (properties.configured()) {
            component.setLoginConfig(loginConfig(properties));
        }
        return component;
    }

    static SalesforceLoginConfig loginConfig(SalesforceProperties p) {
        SalesforceLoginConfig login = new SalesforceLoginConfig();
        login.setLoginUrl(p.getLoginUrl());
        login.setClientId(p.getClientId());
        login.setClientSecret(p.getClientSecret());
        login.setLazyLogin(true);
        if (p.getJwtKeystore() != null && !p.getJwtKeystore().isBlank()) {
            KeyStoreParameters keystore = new KeyStoreParameters();
            keystore.setResource("file:" + p.getJwtKeystore());
            keystore.setPassword(p.getJwtKeystorePassword());
            keystore.setType("PKCS12");
            login.setKeystore(keystore);
            login.setUserName(p.getUsername());
            login.setType(AuthenticationType.JWT);
        } else if (p.getRefreshToken() != null && !p.getRefreshToken().isBlank()) {
            login.setRefreshToken(p.getRefreshToken());
            login.setType(AuthenticationType.REFRESH_TOKEN);
        } else {
            login.setUserName(p.getUsername());
            login.setPassword(p.getPassword());
            login.setType(AuthenticationType.USERNAME_PASSWORD);
        }
        return login;
    }

    @Bean
    SalesforceClient salesforceApi(SalesforceProperties properties, SyncMetrics metrics, LoginGuard guard,
                                  LoadProgress progress) {
        return new SalesforceClient(properties, new CrmMonitor(SalesforceRecords.SOURCE, metrics, guard, progress));
    }

    @Bean
    SalesforceObjectSync salesforceObjectSync(SalesforceClient client, MappingSet mappings, WarehouseWriter writer,
                                              CheckpointStore checkpoints, SalesforceProperties properties) {
        return new SalesforceObjectSync(client, mappings, writer, checkpoints, properties);
    }

    @Bean
    SalesforceReconciler salesforceReconciler(SalesforceClient client, MappingSet mappings, WarehouseWriter writer,
                                              Reconciliation reconciliation) {
        return new SalesforceReconciler(client, mappings, writer, reconciliation, Clock.systemUTC());
    }

    @Bean
    SalesforceSync salesforceSync(SalesforceClient client, MappingSet mappings, ProducerTemplate producer) {
        return new SalesforceSync(client, mappings, producer);
    }
}
