package com.partnersync.mapping;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every mapping file of a directory, validated against the model, and the mapping of CRM records onto model rows.
 * Immutable once loaded; {@link #map} is safe to call from several routes at once.
 */
public final class MappingSet {
    private final List<Mapping> mappings;
    private final Map<String, List<Mapping>> byObject = new LinkedHashMap<>();

    private MappingSet(List<Mapping> mappings) {
        this.mappings = List.copyOf(mappings);
        for (Mapping mapping : mappings) {
            byObject.computeIfAbsent(key(mapping.source(), mapping.object()), k -> new ArrayList<>()).add(mapping);
        }
    }

    /**
     * Loads every {@code *.yml}/{@code *.yaml} under {@code dir} (sub-directories included, in path order).
     *
     * @throws MappingException listing every problem of every file as "file:line: key: what"
     */
    public static MappingSet load(Path dir, ModelCatalog catalog) {
        if (!Files.isDirectory(dir)) {
            throw new MappingException(List.of(dir + ": mappings directory not found"));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yml") || p.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list mapping files in " + dir, e);
        }
        List<String> problems = new ArrayList<>();
        if (files.isEmpty()) {
            problems.add(dir + ": no mapping files (*.yml)");
        }
        List<Mapping> mappings = new ArrayList<>();
        Map<String, String> claimed = new HashMap<>();
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Mapping mapping = new MappingFileReader(file.toString(), catalog, problems).read(reader);
                if (mapping == null) {
                    continue;
                }
                // two files filling the same table from the same object would overwrite each other's rows
                String other = claimed.putIfAbsent(key(mapping.source(), mapping.object()) + " -> " + mapping.target(), mapping.file());
                if (other != null) {
                    problems.add(file + ":" + mapping.targetLine() + ": target: " + mapping.source() + " " + mapping.object() + " -> " + mapping.target()
                            + " is already mapped by " + other);
                } else {
                    mappings.add(mapping);
                }
            } catch (IOException e) {
                problems.add(file + ":1: file: cannot be read: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
        return new MappingSet(mappings);
    }

    private static String key(String source, String object) {
        return source + ' ' + object;
    }

    /** Every mapping, in file order. */
    public List<Mapping> mappings() {
        return mappings;
    }

    /** The mappings that read one CRM object, in file order (account.yml before partner.yml). */
    public List<Mapping> mappings(String source, String object) {
        return byObject.getOrDefault(key(source, object), List.of());
    }

    /** The CRM objects of one source that have a mapping, in file order, each once. */
    public List<String> objects(String source) {
        Set<String> objects = new LinkedHashSet<>();
        mappings.stream().filter(m -> m.source().equals(source)).forEach(m -> objects.add(m.object()));
        return new ArrayList<>(objects);
    }

    /** The CRM fields (names and dotted paths as written) to request for one object, write-back fields included. */
    public List<String> sourceFields(String source, String object) {
        Set<String> fields = new LinkedHashSet<>();
        mappings(source, object).forEach(m -> fields.addAll(m.sourceFields()));
        return new ArrayList<>(fields);
    }

    /**
     * Maps one page of records: a row per record and matching mapping, a deletion per target table of a deleted
     * record, and an error per field that cannot be coerced (that record gets no row from that mapping; the rest of
     * the page still maps). Text PostgreSQL cannot store is removed first, with a warning per repaired field.
     */
    public MappingResult map(List<SourceRecord> page) {
        List<MappedRow> rows = new ArrayList<>(page.size());
        List<Deletion> deletions = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        for (SourceRecord read : page) {
            SourceRecord record = TextSanitizer.clean(read, errors);
            List<Mapping> objectMappings = mappings(record.sourceSystem(), record.object());
            if (record.deleted()) {
                objectMappings.stream().map(Mapping::target).distinct().forEach(table ->
                        deletions.add(new Deletion(table, record.sourceSystem(), record.id(), record.modifiedAt())));
                continue;
            }
            for (Mapping mapping : objectMappings) {
                if (mapping.matches(record)) {
                    mapping.map(record, rows, errors);
                }
            }
        }
        return new MappingResult(rows, deletions, errors);
    }
}
