package com.partnersync.mapping;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** The {@code validate-mappings} command: loads the mapping files afresh and reports what they map or what is wrong. */
public class ValidateMappings {
    /** @param ok false when any file has a problem; the command then exits non-zero */
    public record Report(boolean ok, String text) {
    }

    private final Path dir;
    private final ModelCatalog catalog;

    public ValidateMappings(Path dir, ModelCatalog catalog) {
        this.dir = dir;
        this.catalog = catalog;
    }

    public Report run() {
        try {
            MappingSet set = MappingSet.load(dir, catalog);
            StringBuilder text = new StringBuilder("mappings OK: " + set.mappings().size() + " files in " + dir);
            for (String source : MappingFileReader.SOURCES.stream().sorted().toList()) {
                for (String object : set.objects(source)) {
                    text.append("\n  ").append(source).append(' ').append(object).append(" -> ")
                            .append(set.mappings(source, object).stream().map(Mapping::target).collect(Collectors.joining(", ")));
                }
            }
            return new Report(true, text.toString());
        } catch (MappingException e) {
            return new Report(false, "mappings in " + dir + ": " + e.getMessage());
        }
    }
}
