package com.partnersync.testsupport;

import jakarta.validation.Validation;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code @ConfigurationProperties} record as the application binds it (defaults from its own annotations, bounds
 * checked), with the given keys set: tests never repeat a default.
 */
public final class TestSettings {
    private static final SpringValidatorAdapter VALIDATOR =
            new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator());

    private TestSettings() {
    }

    public static <T> T defaults(Class<T> type) {
        return bind(type, Map.of());
    }

    /** {@code values}: keys relative to the type's prefix ({@code "batch-size"}), values as they would be written. */
    public static <T> T bind(Class<T> type, Map<String, ?> values) {
        String prefix = type.getAnnotation(ConfigurationProperties.class).value();
        Map<String, Object> source = new LinkedHashMap<>();
        values.forEach((key, value) -> source.put(prefix + "." + key, value));
        return new Binder(new MapConfigurationPropertySource(source)).bindOrCreate(prefix, Bindable.of(type),
                new ValidationBindHandler(VALIDATOR));
    }

    /**
     * The type's keys among {@code fullKeys} (as {@code SandboxServer.clientProperties()} hands them out, prefix and
     * all), then {@code overrides} as for {@link #bind(Class, Object...)}.
     */
    public static <T> T fromKeys(Class<T> type, Map<String, String> fullKeys, Object... overrides) {
        String prefix = type.getAnnotation(ConfigurationProperties.class).value() + ".";
        Map<String, Object> values = new LinkedHashMap<>();
        fullKeys.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                values.put(key.substring(prefix.length()), value);
            }
        });
        for (int i = 0; i < overrides.length; i += 2) {
            values.put((String) overrides[i], overrides[i + 1]);
        }
        return bind(type, values);
    }

    /** Convenience for a few keys: {@code bind(type, "batch-size", 5, "look-back", "0s")}. */
    public static <T> T bind(Class<T> type, Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return bind(type, values);
    }
}
