package com.partnersync.mapping;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** The small transforms a mapping applies, in order, before type coercion. String transforms apply to each list item. */
enum Transform {
    TRIM,
    LOWER,
    UPPER,
    /** The host of a URL or the domain of an e-mail address, lower case, without "www.". */
    DOMAIN,
    /** The first item of a list (HubSpot associations list the primary record first); a single value stays as it is. */
    FIRST;

    private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://");
    private static final Pattern PATH = Pattern.compile("[/?#]");
    private static final Pattern HOST = Pattern.compile("[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");

    Object apply(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case TRIM -> eachString(value, String::strip);
            case LOWER -> eachString(value, s -> s.toLowerCase(Locale.ROOT));
            case UPPER -> eachString(value, s -> s.toUpperCase(Locale.ROOT));
            case DOMAIN -> eachString(value, Transform::domain);
            case FIRST -> value instanceof Collection<?> c ? c.stream().filter(Objects::nonNull).findFirst().orElse(null) : value;
        };
    }

    static Transform named(String name) {
        for (Transform transform : values()) {
            if (transform.name().toLowerCase(Locale.ROOT).equals(name)) {
                return transform;
            }
        }
        return null;
    }

    private static Object eachString(Object value, UnaryOperator<String> operator) {
        if (value instanceof String s) {
            return operator.apply(s);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(item -> item instanceof String s ? operator.apply(s) : item).toList();
        }
        return value;
    }

    static String domain(String value) {
        String host = value.strip().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            return host;
        }
        if (!SCHEME.matcher(host).find() && host.contains("@")) {
            host = host.substring(host.lastIndexOf('@') + 1);
        } else {
            host = SCHEME.matcher(host).replaceFirst("");
            host = PATH.split(host, 2)[0];
            host = host.substring(host.lastIndexOf('@') + 1);
            host = host.split(":", 2)[0];
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        if (!HOST.matcher(host).matches()) {
            throw BadValueException.of("no domain in", value);
        }
        return host;
    }
}
