package com.partnersync.mapping;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/** {@code partner-sync.mappings-dir}: the mapping files (docs/mapping.md); relative to the working directory. */
@Validated
@ConfigurationProperties("partner-sync")
public record MappingProperties(@DefaultValue("mappings") @NotNull Path mappingsDir) {
}
