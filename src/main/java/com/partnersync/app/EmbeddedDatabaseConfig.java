package com.partnersync.app;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default database: a real PostgreSQL started in-process when no SPRING_DATASOURCE_URL is set, with its data
 * directory kept between runs so analysts can query the warehouse with psql afterwards.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfig {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${partner-sync.embedded-db.data-dir:./data/pg}") Path dataDir,
                                      @Value("${partner-sync.embedded-db.port:54329}") int port) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        log.info("Embedded PostgreSQL ready (data in {}): {}  — connect with: psql -h localhost -p {} -U postgres postgres",
                dataDir.toAbsolutePath().normalize(), postgres.getJdbcUrl("postgres", "postgres"), postgres.getPort());
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
        dataSource.setUsername("postgres");
        dataSource.setPoolName("partner-sync-embedded");
        dataSource.setMaximumPoolSize(8);
        return dataSource;
    }
}
