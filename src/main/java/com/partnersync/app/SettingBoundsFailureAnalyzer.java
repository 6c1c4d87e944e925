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
        Class<?> type = binding != null ? binding.getTarget().getType().resolve() : null;
        List<String> lines = new ArrayList<>();
        for (ObjectError error : errors.getAllErrors()) {
            lines.add(error instanceof FieldError field ? describe(errors, type, field)
                    : errors.getName() + ": " + error.getDefaultMessage());
        }
        return new FailureAnalysis(String.join("\n", lines),
                "Correct the setting (connector/application.yml, an environment variable or the command line) and start again.",
                cause);
    }

    private static String describe(ValidationErrors errors, Class<?> type, FieldError field) {
        String key = errors.getName() + "." + DataObjectPropertyName.toDashedForm(field.getField());
        ConfigurationProperty written = errors.getBoundProperties().stream()
                .filter(p -> p.getName().equals(ConfigurationPropertyName.adapt(key, '.'))).findFirst().orElse(null);
        Object value = written != null ? written.getValue() : field.getRejectedValue();
        Origin origin = written != null ? written.getOrigin() : Origin.from(field);
        return "Invalid setting " + key + "=" + (value == null ? "(unset)" : value) + ": " + allowed(type, field)
                + (origin != null ? " (set in " + origin + ")" : "");
    }

    /** The property's bounds together ("allowed 1..2000"), whichever of them was violated; else the violation's message. */
    private static String allowed(Class<?> type, FieldError field) {
        String lower = null;
        String upper = null;
        for (ConstraintDescriptor<?> constraint : constraints(type, field.getField())) {
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

    /** The constraints on the property at {@code path} ("defaults.validityDays", "programs[x].gapDays") below {@code type}. */
    private static Set<ConstraintDescriptor<?>> constraints(Class<?> type, String path) {
        String[] names = path.split("\\.");
        Class<?> owner = type;
        for (int i = 0; owner != null && i < names.length - 1; i++) {
            owner = componentType(owner, names[i]);
        }
        String property = names[names.length - 1].replaceAll("\\[.*", "");
        PropertyDescriptor descriptor = owner == null ? null
                : VALIDATION.getValidator().getConstraintsForClass(owner).getConstraintsForProperty(property);
        return descriptor == null ? Set.of() : descriptor.getConstraintDescriptors();
    }

    /** The type a path segment leads to: the field's type, or its element / value type for "name[key]". */
    private static Class<?> componentType(Class<?> owner, String segment) {
        String name = segment.replaceAll("\\[.*", "");
        for (Field f : owner.getDeclaredFields()) {
            if (f.getName().equals(name)) {
                ResolvableType t = ResolvableType.forField(f);
                if (segment.contains("[")) {
                    t = Map.class.isAssignableFrom(t.toClass()) ? t.getGeneric(1) : t.getGeneric(0);
                }
                return t.toClass();
            }
        }
        return null;
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
