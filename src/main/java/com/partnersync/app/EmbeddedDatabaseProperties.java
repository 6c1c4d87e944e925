package com.partnersync.app;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * {@code partner-sync.embedded-db.*}, used when no SPRING_DATASOURCE_URL is set.
 *
 * @param dataDir the PostgreSQL data directory, kept between runs (holds the generated password file)
 * @param port    TCP port on localhost; 0 = any free port
 */
@Validated
@ConfigurationProperties("partner-sync.embedded-db")
public record EmbeddedDatabaseProperties(@DefaultValue("./data/pg") @NotNull Path dataDir,
                                         @DefaultValue("54329") @Min(0) @Max(65535) int port) {
}
