package com.partnersync.mapping;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The transforms of the mapping format, on the messy values CRMs hold. */
class TransformTest {
    static Stream<Arguments> transforms() {
        return Stream.of(
                arguments(Transform.TRIM, "  Acme Inc \t", "Acme Inc"),
                arguments(Transform.TRIM, List.of(" a ", "b "), List.of("a", "b")),
                arguments(Transform.TRIM, 42, 42),
                arguments(Transform.LOWER, "ReSeLLer", "reseller"),
                arguments(Transform.UPPER, "partner", "PARTNER"),
                arguments(Transform.DOMAIN, "https://www.Acme.com/about?x=1", "acme.com"),
                arguments(Transform.DOMAIN, "http://shop.acme.co.uk:8080/", "shop.acme.co.uk"),
                arguments(Transform.DOMAIN, "www.acme.com", "acme.com"),
                arguments(Transform.DOMAIN, "acme.com.", "acme.com"),
                arguments(Transform.DOMAIN, " Jane.Doe@Mail.Acme.com ", "mail.acme.com"),
                arguments(Transform.DOMAIN, "acme.com/contact#form", "acme.com"),
                arguments(Transform.DOMAIN, "https://user@acme.io/x", "acme.io"),
                arguments(Transform.DOMAIN, "münchen.de", "münchen.de"),
                arguments(Transform.FIRST, List.of("9001", "9002"), "9001"),
                arguments(Transform.FIRST, List.of(), null),
                arguments(Transform.FIRST, "9001", "9001"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("transforms")
    void transforms(Transform transform, Object input, Object expected) {
        assertThat(transform.apply(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"n/a", "not a url", "https://", "localhost"})
    void domainRejectsValuesWithoutOne(String input) {
        assertThatThrownBy(() -> Transform.DOMAIN.apply(input)).isInstanceOf(BadValueException.class)
                .hasMessage("no domain in: '" + input + "'");
    }
}
