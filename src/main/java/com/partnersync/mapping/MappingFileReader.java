package com.partnersync.mapping;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates one mapping file with snakeyaml's node API, so every problem can name the line it is on.
 * Collects all problems of the file instead of stopping at the first.
 */
final class MappingFileReader {
    static final Set<String> SOURCES = Set.of("salesforce", "hubspot");
    /** Columns the sync itself fills on every row; a mapping cannot set them. */
    static final Set<String> LINEAGE = Set.of("id", "source_system", "source_id", "source_modified_at", "synced_at",
            "deleted", "raw");
    private static final Pattern CRM_IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern CRM_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*");
    private static final Pattern MODEL_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final List<String> TOP_KEYS = List.of("source", "object", "target", "when", "columns", "writeback");
    private static final List<String> COLUMN_KEYS = List.of("from", "concat", "value", "type", "transform", "map",
            "default", "required", "separator");
    private static final String TYPES = Arrays.stream(ValueType.values()).map(ValueType::yamlName)
            .collect(Collectors.joining(", "));
    private static final String TRANSFORMS = Arrays.stream(Transform.values()).map(t -> t.name().toLowerCase())
            .collect(Collectors.joining(", "));

    private final String file;
    private final ModelCatalog catalog;
    private final List<String> problems;
    private int problemsBefore;

    MappingFileReader(String file, ModelCatalog catalog, List<String> problems) {
        this.file = file;
        this.catalog = catalog;
        this.problems = problems;
    }

    /** @return the mapping, or null when the file has problems (they are added to the shared list) */
    Mapping read(Reader reader) {
        problemsBefore = problems.size();
        Node root;
        try {
            root = new Yaml().compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problems.add(file + ":" + line + ": yaml: malformed YAML: " + e.getProblem());
            return null;
        } catch (YAMLException e) {
            problems.add(file + ":1: yaml: malformed YAML: " + e.getMessage());
            return null;
        }
        if (!(root instanceof MappingNode top)) {
            problems.add(file + ":" + (root == null ? 1 : line(root)) + ": file: expected keys source, object, target, columns");
            return null;
        }
        Map<String, NodeTuple> entries = entries(top, "");
        unknownKeys(entries, "", TOP_KEYS);
        String source = required(top, entries, "source", "salesforce or hubspot");
        if (source != null && !SOURCES.contains(source)) {
            problem(entries.get("source").getValueNode(), "source", "unknown source '" + source + "' (salesforce or hubspot)");
        } else if (source != null && SOURCES.contains(directory()) && !source.equals(directory())) {
            // a file copied from the other CRM's folder and not edited would read the wrong system
            problem(entries.get("source").getValueNode(), "source", "source " + source + " in the " + directory() + "/ folder");
        }
        String object = required(top, entries, "object", "the CRM object API name");
        if (object != null && !CRM_IDENTIFIER.matcher(object).matches()) {
            problem(entries.get("object").getValueNode(), "object", "not a CRM object name: '" + object + "'");
        }
        String target = required(top, entries, "target", "the model table to fill");
        Map<String, ModelColumn> table = target == null ? null : table(entries.get("target").getValueNode(), target);

        String whenField = null;
        Set<String> whenValues = null;
        if (entries.containsKey("when")) {
            Node when = entries.get("when").getValueNode();
            Map<String, NodeTuple> condition = when instanceof MappingNode m ? entries(m, "when.") : null;
            if (condition == null || !condition.containsKey("field")
                    || condition.containsKey("equals") == condition.containsKey("in")) {
                problem(when, "when", "expected {field: <CRM field>, equals: <value>} or {field: ..., in: [values]}");
            } else {
                unknownKeys(condition, "when.", List.of("field", "equals", "in"));
                whenField = path(condition.get("field").getValueNode(), "when.field");
                whenValues = condition.containsKey("equals")
                        ? Set.of(String.valueOf(scalar(condition.get("equals").getValueNode(), "when.equals")))
                        : new LinkedHashSet<>(scalars(condition.get("in").getValueNode(), "when.in"));
            }
        }

        List<ColumnRule> rules = new ArrayList<>();
        if (!entries.containsKey("columns")) {
            problem(top, "columns", "missing (model column: CRM field, ...)");
        } else if (!(entries.get("columns").getValueNode() instanceof MappingNode columns)) {
            problem(entries.get("columns").getValueNode(), "columns", "expected a mapping of model column to CRM field");
        } else if (table != null) {
            for (Map.Entry<String, NodeTuple> column : entries(columns, "columns.").entrySet()) {
                ColumnRule rule = rule(column.getKey(), column.getValue(), target, table);
                if (rule != null) {
                    rules.add(rule);
                }
            }
            notNullColumnsCovered(entries.get("columns").getKeyNode(), columns, target, table, rules);
        }

        Map<String, String> writeback = new LinkedHashMap<>();
        if (entries.containsKey("writeback") && target != null) {
            writeback(entries.get("writeback").getValueNode(), target, table, writeback);
        }
        return problems.size() > problemsBefore ? null
                : new Mapping(file, line(entries.get("target").getKeyNode()), source, object, target, whenField, whenValues,
                rules, writeback);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private String directory() {
        Path parent = Path.of(file).getParent();
        return parent == null ? "" : parent.getFileName().toString();
    }

    private void problem(Node node, String key, String what) {
        problems.add(file + ":" + line(node) + ": " + key + ": " + what);
    }

    private Map<String, ModelColumn> table(Node node, String target) {
        if (!MODEL_IDENTIFIER.matcher(target).matches()) {
            problem(node, "target", "not a model table name: '" + target + "'");
            return null;
        }
        Map<String, ModelColumn> table = catalog.relation(target).orElse(null);
        if (table == null || !table.containsKey("source_system") || !table.containsKey("source_id")) {
            problem(node, "target", "unknown target table '" + target + "' (not a synced model table)");
            return null;
        }
        return table;
    }

    private ColumnRule rule(String name, NodeTuple tuple, String target, Map<String, ModelColumn> table) {
        String key = "columns." + name;
        ModelColumn column = table.get(name);
        if (column == null) {
            problem(tuple.getKeyNode(), key, "unknown column of table " + target);
            return null;
        }
        if (LINEAGE.contains(name)) {
            problem(tuple.getKeyNode(), key, "lineage column, filled by the sync itself");
            return null;
        }
        Node spec = tuple.getValueNode();
        if (spec instanceof ScalarNode) {
            String field = path(spec, key);
            return field == null ? null : new ColumnRule(column, List.of(field), List.of(), null, false, null,
                    column.defaultType(), List.of(), null, null, false);
        }
        if (!(spec instanceof MappingNode mapping)) {
            problem(spec, key, "expected a CRM field name or {from: ..., type: ..., ...}");
            return null;
        }
        int before = problems.size();
        Map<String, NodeTuple> keys = entries(mapping, key + ".");
        unknownKeys(keys, key + ".", COLUMN_KEYS);
        int reads = (keys.containsKey("from") ? 1 : 0) + (keys.containsKey("concat") ? 1 : 0) + (keys.containsKey("value") ? 1 : 0);
        if (reads != 1) {
            problem(spec, key, "needs exactly one of from, concat or value");
        }
        boolean constant = keys.containsKey("value");
        if (constant) {
            for (String other : List.of("transform", "map", "default", "required")) {
                if (keys.containsKey(other)) {
                    problem(keys.get(other).getKeyNode(), key + "." + other, "a constant value takes no " + other);
                }
            }
        }
        List<String> from = keys.containsKey("from") ? paths(keys.get("from").getValueNode(), key + ".from") : List.of();
        List<String> concat = keys.containsKey("concat") ? paths(keys.get("concat").getValueNode(), key + ".concat") : List.of();
        String separator = keys.containsKey("separator") ? scalar(keys.get("separator").getValueNode(), key + ".separator") : null;
        ValueType type = column.defaultType();
        if (keys.containsKey("type")) {
            Node typeNode = keys.get("type").getValueNode();
            String typeName = scalar(typeNode, key + ".type");
            ValueType named = typeName == null ? null : ValueType.named(typeName);
            if (typeName != null && named == null) {
                problem(typeNode, key + ".type", "unknown type '" + typeName + "' (" + TYPES + ")");
            } else if (named != null && !column.accepts(named)) {
                problem(typeNode, key + ".type", "type " + typeName + " does not fit column " + name + " ("
                        + column.describeType() + ")");
            } else if (named != null) {
                type = named;
            }
        }
        List<Transform> transforms = new ArrayList<>();
        if (keys.containsKey("transform")) {
            Node node = keys.get("transform").getValueNode();
            for (String transformName : scalars(node, key + ".transform")) {
                Transform transform = Transform.named(transformName);
                if (transform == null) {
                    problem(node, key + ".transform", "unknown transform '" + transformName + "' (" + TRANSFORMS + ")");
                } else {
                    transforms.add(transform);
                }
            }
        }
        Map<String, Object> map = null;
        if (keys.containsKey("map")) {
            Node node = keys.get("map").getValueNode();
            if (!(node instanceof MappingNode mapNode)) {
                problem(node, key + ".map", "expected {CRM value: model value, ...}");
            } else {
                map = new LinkedHashMap<>();
                for (Map.Entry<String, NodeTuple> entry : entries(mapNode, key + ".map.").entrySet()) {
                    map.put(entry.getKey(), constant(entry.getValue().getValueNode(), key + ".map." + entry.getKey(),
                            type, column, separator));
                }
            }
        }
        Object defaultValue = keys.containsKey("default")
                ? constant(keys.get("default").getValueNode(), key + ".default", type, column, separator) : null;
        Object value = constant ? constant(keys.get("value").getValueNode(), key + ".value", type, column, separator) : null;
        boolean required = false;
        if (keys.containsKey("required")) {
            Node node = keys.get("required").getValueNode();
            String flag = scalar(node, key + ".required");
            if (!"true".equals(flag) && !"false".equals(flag)) {
                problem(node, key + ".required", "expected true or false, not '" + flag + "'");
            }
            required = "true".equals(flag);
        }
        if (problems.size() > before) {
            return null;
        }
        return new ColumnRule(column, from, concat, separator, constant, value, type, transforms, map, defaultValue, required);
    }

    /** A NOT NULL column without a database default must get a value on every row, or the whole page would fail. */
    private void notNullColumnsCovered(Node columnsKey, MappingNode columns, String target, Map<String, ModelColumn> table,
                                       List<ColumnRule> rules) {
        Map<String, Node> keyNodes = new LinkedHashMap<>();
        columns.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode)
                .forEach(t -> keyNodes.put(((ScalarNode) t.getKeyNode()).getValue(), t.getKeyNode()));
        for (ModelColumn column : table.values()) {
            if (!column.nullable() && !column.hasDefault() && !LINEAGE.contains(column.name())
                    && !keyNodes.containsKey(column.name())) {
                problem(columnsKey, "columns", "missing " + column.name() + " (NOT NULL in table " + target + ")");
            }
        }
        for (ColumnRule rule : rules) {
            ModelColumn column = table.get(rule.column());
            if (!column.nullable() && !column.hasDefault() && !rule.alwaysHasValue()) {
                problem(keyNodes.get(rule.column()), "columns." + rule.column(), "NOT NULL in table " + target
                        + ": add required: true, a default, or a value");
            }
        }
    }

    private void writeback(Node node, String target, Map<String, ModelColumn> table, Map<String, String> writeback) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, "writeback", "expected {model value: CRM field, ...}");
            return;
        }
        String view = "writeback_values_" + target;
        Map<String, ModelColumn> values = catalog.relation(view).orElse(table);
        String relation = catalog.relation(view).isPresent() ? "view " + view : "table " + target;
        for (Map.Entry<String, NodeTuple> entry : entries(mapping, "writeback.").entrySet()) {
            String key = "writeback." + entry.getKey();
            if (values != null && !values.containsKey(entry.getKey())) {
                problem(entry.getValue().getKeyNode(), key, "unknown column of " + relation);
            }
            Node fieldNode = entry.getValue().getValueNode();
            String field = scalar(fieldNode, key);
            if (field != null && !CRM_IDENTIFIER.matcher(field).matches()) {
                problem(fieldNode, key, "not a CRM field name: '" + field + "'");
            } else if (field != null) {
                writeback.put(entry.getKey(), field);
            }
        }
    }

    private Object constant(Node node, String key, ValueType type, ModelColumn column, String separator) {
        String text = scalar(node, key);
        if (text == null) {
            return null;
        }
        try {
            Object value = type.coerce(text, separator);
            ColumnRule.check(column, value, text);
            return value;
        } catch (BadValueException e) {
            problem(node, key, e.getMessage());
            return null;
        }
    }

    private String required(MappingNode top, Map<String, NodeTuple> entries, String key, String what) {
        if (!entries.containsKey(key)) {
            problem(top, key, "missing (" + what + ")");
            return null;
        }
        return scalar(entries.get(key).getValueNode(), key);
    }

    /** Keys of a mapping node in file order; reports duplicate and non-scalar keys. */
    private Map<String, NodeTuple> entries(MappingNode node, String prefix) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problem(tuple.getKeyNode(), prefix.isEmpty() ? "key" : prefix.substring(0, prefix.length() - 1),
                        "keys must be plain names");
                continue;
            }
            if (entries.putIfAbsent(keyNode.getValue(), tuple) != null) {
                problem(keyNode, prefix + keyNode.getValue(), "duplicate key");
            }
        }
        return entries;
    }

    private void unknownKeys(Map<String, NodeTuple> entries, String prefix, List<String> known) {
        entries.forEach((key, tuple) -> {
            if (!known.contains(key)) {
                problem(tuple.getKeyNode(), prefix + key, "unknown key (expected one of " + String.join(", ", known) + ")");
            }
        });
    }

    /** A single non-null scalar value, else a problem and null. */
    private String scalar(Node node, String key) {
        if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return scalar.getValue();
        }
        problem(node, key, node instanceof ScalarNode ? "missing value" : "expected a single value");
        return null;
    }

    /** One scalar or a list of scalars. */
    private List<String> scalars(Node node, String key) {
        if (node instanceof SequenceNode sequence) {
            if (sequence.getValue().isEmpty()) {
                problem(node, key, "empty list");
            }
            List<String> values = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                String value = scalar(item, key);
                if (value != null) {
                    values.add(value);
                }
            }
            return values;
        }
        String value = scalar(node, key);
        return value == null ? List.of() : List.of(value);
    }

    private String path(Node node, String key) {
        String path = scalar(node, key);
        if (path != null && !CRM_PATH.matcher(path).matches()) {
            problem(node, key, "not a CRM field name or dotted path: '" + path + "'");
            return null;
        }
        return path;
    }

    private List<String> paths(Node node, String key) {
        List<String> paths = new ArrayList<>();
        for (String path : scalars(node, key)) {
            if (!CRM_PATH.matcher(path).matches()) {
                problem(node, key, "not a CRM field name or dotted path: '" + path + "'");
            } else {
                paths.add(path);
            }
        }
        return paths;
    }
}
