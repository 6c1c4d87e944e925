package com.partnersync.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml and connector/Dockerfile as shipped: least privilege, every variable passed, pinned images. */
class DockerDeploymentTest {
    private static final Path ROOT = Path.of(".");

    @Test
    @SuppressWarnings("unchecked")
    void composeKeepsPostgresOnLocalhostAndTakesItsPasswordOnlyFromASecretFile() throws IOException {
        Map<String, Object> postgres = service("postgres");
        assertThat((List<String>) postgres.getOrDefault("ports", List.of()))
                .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        assertThat((Map<String, String>) postgres.get("environment"))
                .doesNotContainKey("POSTGRES_PASSWORD")
                .containsEntry("POSTGRES_PASSWORD_FILE", "/run/secrets/postgres_password");
        assertThat((List<Object>) postgres.get("secrets")).containsExactly("postgres_password");
        assertThat((List<Map<String, String>>) service("connector").get("secrets")).containsExactly(
                Map.of("source", "postgres_password", "target", "partner-sync/spring.datasource.password"));
        Map<String, Object> secrets = (Map<String, Object>) compose().get("secrets");
        assertThat(secrets).containsOnlyKeys("postgres_password");
        assertThat(((Map<String, String>) secrets.get("postgres_password")).get("file"))
                .isEqualTo("./connector/secrets/postgres_password");
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).containsPattern("(?m)^connector/secrets/$");
        // no password default, no value default that could stand in for one
        String composeText = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(composeText).doesNotContain(":-").doesNotContain("env_file");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composePassesEveryVariableOfTheExampleEnvironmentAndNothingElse() throws IOException {
        Map<String, String> environment = (Map<String, String>) service("connector").get("environment");
        String example = Files.readString(ROOT.resolve("connector/application.example.env"));
        assertThat(example).contains("Copy to .env at the repository root");
        Set<String> documented = Pattern.compile("(?m)^#? ?([A-Z][A-Z0-9_]+)=").matcher(example).results()
                .map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).as("variables in application.example.env").hasSizeGreaterThan(15);
        // compose sets its own database coordinates; the password arrives as a secret file
        Set<String> setByCompose = Set.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME");
        Set<String> passedThrough = new TreeSet<>(documented);
        passedThrough.removeAll(setByCompose);
        passedThrough.remove("SPRING_DATASOURCE_PASSWORD");
        assertThat(environment.keySet()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(passedThrough.stream(), setByCompose.stream()).toList());
        // no value = taken from .env or the shell when set there, unset otherwise (never an empty string over a default)
        passedThrough.forEach(name -> assertThat(environment.get(name)).as(name).isNull());
        assertThat(environment.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:5432/");
    }

    @Test
    void settingsAreReadFromFilesNamedAfterThePropertyInTheSecretsDirectory(@TempDir Path secrets) throws IOException {
        Files.writeString(secrets.resolve("spring.datasource.password"), "s3cret-from-file");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EmptyConfiguration.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .properties("PARTNER_SYNC_SECRETS_DIR=" + secrets).run()) {
            assertThat(context.getEnvironment().getProperty("spring.datasource.password")).isEqualTo("s3cret-from-file");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EmptyConfiguration {
    }

    @Test
    void dockerfilePinsItsImagesChecksReadinessAndSizesTheHeapToTheContainer() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("connector/Dockerfile"));
        assertThat(Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile).results().map(m -> m.group(1)))
                .hasSize(2).allSatisfy(image -> assertThat(image).matches(".+:\\d+\\.\\d+\\.\\d+[-_].+"));
        assertThat(dockerfile).containsPattern("HEALTHCHECK .*\\n.*http://localhost:8081/actuator/health/readiness")
                .contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
    }

    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    }
}
