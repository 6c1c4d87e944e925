package com.partnersync.app;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.ResolvableType;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A setting outside its {@code @Validated} bounds stops start-up with one line per bad key: the key, the value as
 * written, the allowed range (read from the constraint annotations, so it cannot drift from them) and where it was set.
 */
public class SettingBoundsFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {
    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        ValidationErrors errors = cause.getValidationErrors();
        BindException binding = findCause(rootFailure, BindException.class);
        List<String> lines = new ArrayList<>();
        for (ObjectError error : errors.getAllErrors()) {
            lines.add(error instanceof FieldError field ? describe(errors, binding, field)
                    : errors.getName() + ": " + error.getDefaultMessage());
        }
        return new FailureAnalysis(String.join("\n", lines),
                "Correct the setting (connector/application.yml, an environment variable or the command line) and start again.",
                cause);
    }

    private static String describe(ValidationErrors errors, BindException binding, FieldError field) {
        ConfigurationPropertyName key = ConfigurationPropertyName.adapt(
                errors.getName() + "." + DataObjectPropertyName.toDashedForm(field.getField()), '.');
        ConfigurationProperty written = errors.getBoundProperties().stream()
                .filter(p -> p.getName().equals(key)).findFirst().orElse(null);
        Object value = written != null ? written.getValue() : field.getRejectedValue();
        Origin origin = written != null ? written.getOrigin() : Origin.from(field);
        Set<ConstraintDescriptor<?>> constraints = binding == null ? Set.of()
                : constraints(binding.getTarget().getType().resolve(), binding.getName(), key);
        return "Invalid setting " + key + "=" + (value == null ? "(unset)" : value) + ": " + allowed(constraints, field)
                + (origin != null ? " (set in " + origin + ")" : "");
    }

    /** The property's bounds together ("allowed 1..2000"), whichever of them was violated; else the violation's message. */
    private static String allowed(Set<ConstraintDescriptor<?>> constraints, FieldError field) {
        String lower = null;
        String upper = null;
        for (ConstraintDescriptor<?> constraint : constraints) {
            Annotation annotation = constraint.getAnnotation();
            Map<String, Object> attributes = constraint.getAttributes();
            switch (annotation.annotationType().getSimpleName()) {
                case "Min", "DecimalMin" -> lower = String.valueOf(attributes.get("value"))
                        + (Boolean.FALSE.equals(attributes.get("inclusive")) ? " (exclusive)" : "");
                case "Max", "DecimalMax" -> upper = String.valueOf(attributes.get("value"))
                        + (Boolean.FALSE.equals(attributes.get("inclusive")) ? " (exclusive)" : "");
                case "Positive" -> lower = "0 (exclusive)";
                case "PositiveOrZero" -> lower = "0";
                case "DurationMin" -> lower = duration(attributes);
                case "DurationMax" -> upper = duration(attributes);
                default -> {
                    // not a bound: the violation's own message says it
                }
            }
        }
        return lower != null && upper != null ? "allowed " + lower + ".." + upper
                : lower != null ? "allowed at least " + lower : upper != null ? "allowed at most " + upper : field.getDefaultMessage();
    }

    /** The constraints on {@code key}, found by walking from the bound record ({@code root}, bound at {@code rootName}). */
    private static Set<ConstraintDescriptor<?>> constraints(Class<?> root, ConfigurationPropertyName rootName,
                                                            ConfigurationPropertyName key) {
        Class<?> owner = root;
        int last = key.getNumberOfElements() - 1;
        int i = rootName.getNumberOfElements();
        while (owner != null && i < last) {
            Field field = field(owner, key.getElement(i, ConfigurationPropertyName.Form.DASHED));
            ResolvableType type = field == null ? null : ResolvableType.forField(field);
            if (type == null) {
                owner = null;
            } else if (Map.class.isAssignableFrom(type.toClass())) {
                owner = type.getGeneric(1).toClass();
                i += 2; // the next element is the map key
            } else {
                owner = type.toClass();
                i++;
            }
        }
        PropertyDescriptor descriptor = owner == null || i != last ? null : VALIDATION.getValidator()
                .getConstraintsForClass(owner).getConstraintsForProperty(javaName(key.getElement(last, ConfigurationPropertyName.Form.DASHED)));
        return descriptor == null ? Set.of() : descriptor.getConstraintDescriptors();
    }

    private static Field field(Class<?> owner, String dashedName) {
        for (Field f : owner.getDeclaredFields()) {
            if (f.getName().equals(javaName(dashedName))) {
                return f;
            }
        }
        return null;
    }

    private static String javaName(String dashed) {
        StringBuilder name = new StringBuilder();
        for (String part : dashed.split("-")) {
            name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }

    /** @DurationMin / @DurationMax attributes as one duration. */
    private static String duration(Map<String, Object> a) {
        Duration d = Duration.ofDays((Long) a.get("days")).plusHours((Long) a.get("hours")).plusMinutes((Long) a.get("minutes"))
                .plusSeconds((Long) a.get("seconds")).plusMillis((Long) a.get("millis")).plusNanos((Long) a.get("nanos"));
        return text(d) + (Boolean.FALSE.equals(a.get("inclusive")) ? " (exclusive)" : "");
    }

    /** In the form the settings are written: 500ms, 30s, 5m, 24h, 7d. */
    static String text(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toDaysPart() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return duration.toDays() + "d";
        }
        if (duration.equals(Duration.ofHours(duration.toHours()))) {
            return duration.toHours() + "h";
        }
        if (duration.equals(Duration.ofMinutes(duration.toMinutes()))) {
            return duration.toMinutes() + "m";
        }
        if (duration.equals(Duration.ofSeconds(duration.toSeconds()))) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }
}
