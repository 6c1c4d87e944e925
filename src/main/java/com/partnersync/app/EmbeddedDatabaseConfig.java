package com.partnersync.app;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The default database: a real PostgreSQL started in-process when no SPRING_DATASOURCE_URL is set, with its data
 * directory kept between runs so analysts can query the warehouse with psql afterwards (password required, see
 * {@link EmbeddedDatabase}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseConfig {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties) throws IOException {
        Path dataDir = properties.dataDir();
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, properties.port(), System.out);
        log.info("Embedded PostgreSQL ready on localhost:{} (data in {}); connect with: {}", database.port(),
                dataDir.toAbsolutePath().normalize(), EmbeddedDatabase.connectHint(dataDir, database.port()));
        return database;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:postgresql://localhost:" + database.port() + "/postgres");
        dataSource.setUsername(EmbeddedDatabase.SUPERUSER);
        dataSource.setPassword(database.password());
        dataSource.setPoolName("partner-sync-embedded");
        dataSource.setMaximumPoolSize(8);
        return dataSource;
    }
}
