package com.partnersync.app;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml and connector/Dockerfile as shipped: least privilege, every variable passed, pinned images. */
class DockerDeploymentTest {
    private static final Path ROOT = Path.of(".");

    @Test
    @SuppressWarnings("unchecked")
    void composeKeepsPostgresOnLocalhostAndRequiresItsPassword() throws IOException {
        Map<String, Object> postgres = service("postgres");
        assertThat((List<String>) postgres.getOrDefault("ports", List.of()))
                .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        Map<String, String> env = (Map<String, String>) postgres.get("environment");
        assertThat(env.get("POSTGRES_PASSWORD")).matches("\\$\\{POSTGRES_PASSWORD:\\?.+}");
        assertThat(((Map<String, String>) service("connector").get("environment")).get("SPRING_DATASOURCE_PASSWORD"))
                .matches("\\$\\{POSTGRES_PASSWORD:\\?.+}");
        assertThat(Files.readString(ROOT.resolve("docker-compose.yml"))).doesNotContain(":-");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composePassesEveryVariableOfTheExampleEnvironment() throws IOException {
        Map<String, Object> connector = service("connector");
        assertThat(connector.get("env_file")).isEqualTo(".env");
        String example = Files.readString(ROOT.resolve("connector/application.example.env"));
        assertThat(example).contains("Copy to .env at the repository root");
        // only the database coordinates are set by compose itself (over .env): its own PostgreSQL
        Matcher variables = Pattern.compile("(?m)^#? ?([A-Z][A-Z0-9_]+)=").matcher(example);
        int count = 0;
        while (variables.find()) {
            count++;
            String name = variables.group(1);
            if (((Map<String, String>) connector.get("environment")).containsKey(name)) {
                assertThat(name).startsWith("SPRING_DATASOURCE_");
            }
        }
        assertThat(count).as("variables in application.example.env").isGreaterThan(15);
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
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }
}
