package com.partnersync.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL (the default warehouse) lets nobody in without the generated password. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedDatabasePasswordTest {
    @TempDir
    static Path dataDir;
    private EmbeddedDatabase database;
    private String firstStartOutput;

    @BeforeAll
    void startOnANewDataDirectory() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        database = EmbeddedDatabase.start(dataDir, freePort(), new PrintStream(console, true, StandardCharsets.UTF_8));
        firstStartOutput = console.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    void stop() throws IOException {
        database.close();
    }

    @ParameterizedTest(name = "password {0} -> {1}")
    @CsvSource(delimiter = ';', nullValues = "none", value = {
            "none;                 refused",
            "wrong-password;       refused",
            "'';                   refused",
            "generated;            accepted",
    })
    void everyConnectionNeedsThePassword(String password, String outcome) {
        String sent = "generated".equals(password) ? database.password() : password;
        if (outcome.equals("accepted")) {
            assertThat(query(database.port(), sent, "select current_user")).containsExactly("postgres");
        } else {
            assertThatThrownBy(() -> query(database.port(), sent, "select 1"))
                    .hasCauseInstanceOf(SQLException.class).hasMessageContaining("password");
        }
    }

    @Test
    void passwordIsKeptInTheDataDirectoryReadableByTheOwnerOnly() throws IOException {
        Path file = dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).isEqualTo(database.password()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void passwordIsPrintedOnceWithTheConnectHint() {
        assertThat(firstStartOutput).containsOnlyOnce(database.password())
                .contains("psql -h localhost -p " + database.port() + " -U postgres postgres");
    }

    @Test
    void serverListensOnLocalhostAndEveryHbaRuleWantsScram() {
        assertThat(query(database.port(), database.password(), "show listen_addresses")).containsExactly("localhost");
        assertThat(query(database.port(), database.password(), "select distinct auth_method from pg_hba_file_rules"))
                .containsExactly("scram-sha-256");
        assertThat(query(database.port(), database.password(),
                "select substr(rolpassword, 1, 13) from pg_authid where rolname = 'postgres'")).containsExactly("SCRAM-SHA-256");
    }

    @Test
    void aRestartReusesThePasswordWithoutShowingIt(@TempDir Path otherDir) throws IOException {
        int port = freePort();
        String password;
        try (EmbeddedDatabase first = EmbeddedDatabase.start(otherDir, port, new PrintStream(new ByteArrayOutputStream()))) {
            password = first.password();
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (EmbeddedDatabase again = EmbeddedDatabase.start(otherDir, port, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            assertThat(again.password()).isEqualTo(password);
            assertThat(query(port, password, "select 1")).containsExactly("1");
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aDataDirectoryThatTrustedLocalConnectionsGetsAPassword(@TempDir Path oldDir) throws IOException {
        int port = freePort();
        // what earlier versions left behind: initdb -A trust, no password
        EmbeddedPostgres.builder().setDataDirectory(oldDir.toFile()).setCleanDataDirectory(false).setPort(port).start().close();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (EmbeddedDatabase secured = EmbeddedDatabase.start(oldDir, port, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            assertThat(console.toString(StandardCharsets.UTF_8)).containsOnlyOnce(secured.password());
            assertThatThrownBy(() -> query(port, null, "select 1")).hasMessageContaining("password");
            assertThatThrownBy(() -> query(port, "wrong-password", "select 1")).hasMessageContaining("password");
            assertThat(query(port, secured.password(), "select distinct auth_method from pg_hba_file_rules"))
                    .containsExactly("scram-sha-256");
        }
    }

    private static List<String> query(int port, String password, String sql) {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        if (password != null) {
            props.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", props);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
