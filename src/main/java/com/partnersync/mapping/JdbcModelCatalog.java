package com.partnersync.mapping;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model as the migrated database describes it: tables and views of the current schema from information_schema,
 * plus the allowed values of single-column enum check constraints. Read once; build it after Flyway has run.
 */
public class JdbcModelCatalog implements ModelCatalog {
    /** {@code CHECK ((col = ANY (ARRAY['a'::text, ...])))} or {@code CHECK ((col <@ ARRAY['a'::text, ...]))}. */
    private static final Pattern ENUM_CHECK = Pattern.compile("CHECK \\(\\(\\w+ (= ANY \\(ARRAY|<@ ARRAY)\\[[^]]*]\\)+\\)");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'::");

    private final Map<String, Map<String, ModelColumn>> relations = new HashMap<>();

    public JdbcModelCatalog(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Map<String, Set<String>> enums = new HashMap<>();
        jdbc.query("""
                select cl.relname, a.attname, pg_get_constraintdef(con.oid)
                from pg_constraint con
                join pg_class cl on cl.oid = con.conrelid
                join pg_namespace n on n.oid = cl.relnamespace
                join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
                where con.contype = 'c' and n.nspname = current_schema() and cardinality(con.conkey) = 1""", rs -> {
            String definition = rs.getString(3);
            if (ENUM_CHECK.matcher(definition).matches()) {
                Set<String> values = new LinkedHashSet<>();
                Matcher literal = LITERAL.matcher(definition);
                while (literal.find()) {
                    values.add(literal.group(1).replace("''", "'"));
                }
                enums.put(rs.getString(1) + '.' + rs.getString(2), values);
            }
        });
        jdbc.query("""
                select table_name, column_name, data_type, udt_name, is_nullable = 'YES', column_default is not null,
                       numeric_precision, numeric_scale
                from information_schema.columns
                where table_schema = current_schema()
                order by table_name, ordinal_position""", rs -> {
            String table = rs.getString(1);
            String column = rs.getString(2);
            boolean array = rs.getString(3).equals("ARRAY");
            // information_schema names array element types only by udt_name (_text, _int4)
            String type = array ? elementType(rs.getString(4).substring(1)) : rs.getString(3);
            Integer precision = rs.getObject(7) == null ? null : rs.getInt(7);
            Integer scale = rs.getObject(8) == null ? null : rs.getInt(8);
            relations.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(column, new ModelColumn(column, type, array,
                    rs.getBoolean(5), rs.getBoolean(6), precision, scale, enums.getOrDefault(table + '.' + column, Set.of())));
        });
    }

    private static String elementType(String udt) {
        return switch (udt) {
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "bool" -> "boolean";
            case "timestamptz" -> "timestamp with time zone";
            case "varchar" -> "character varying";
            default -> udt;
        };
    }

    @Override
    public Optional<Map<String, ModelColumn>> relation(String name) {
        return Optional.ofNullable(relations.get(name));
    }
}
