package com.partnersync.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/**
 * Starts the embedded PostgreSQL so that nobody on the machine gets in without the password: listening on localhost only,
 * SCRAM passwords for every connection (socket and TCP), the superuser's password generated on first start and kept in
 * the data directory with mode 0600. The password is shown once, when it is generated; later starts name the file.
 */
public final class EmbeddedDatabase implements Closeable {
    public static final String SUPERUSER = "postgres";
    /** Inside the data directory; PostgreSQL ignores files it does not know. */
    public static final String PASSWORD_FILE = "partner-sync.password";

    /** Written over a data directory created by an earlier version, whose pg_hba.conf trusted every local connection. */
    private static final String SCRAM_ONLY_HBA = """
            # partner-sync: a password (SCRAM) for every connection; the server listens on localhost only
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            host    replication     all             ::1/128                 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /**
     * Starts the server on {@code dataDir} (created and initialized if empty). A newly generated password is printed to
     * {@code console} with the command to connect; it never goes to the log.
     */
    public static EmbeddedDatabase start(Path dataDir, int port, PrintStream console) throws IOException {
        Files.createDirectories(dataDir);
        Path passwordFile = dataDir.resolve(PASSWORD_FILE);
        EmbeddedDatabase database;
        if (Files.exists(passwordFile)) {
            String password = readPassword(passwordFile);
            database = new EmbeddedDatabase(builder(dataDir, port, password).start(), password);
        } else if (Files.exists(dataDir.resolve("postgresql.conf"))) {
            database = secureTrustingDataDirectory(dataDir, port, passwordFile);
            printPassword(console, database, dataDir);
        } else {
            database = initialize(dataDir, port, passwordFile);
            printPassword(console, database, dataDir);
        }
        return database;
    }

    /** Stops PostgreSQL; the data directory stays. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }

    public int port() {
        return postgres.getPort();
    }

    /** The superuser's password, for the application's own connection pool. */
    public String password() {
        return password;
    }

    /** How to connect with psql, without the password itself. */
    public static String connectHint(Path dataDir, int port) {
        return "PGPASSWORD=\"$(cat " + dataDir.resolve(PASSWORD_FILE) + ")\" psql -h localhost -p " + port + " -U " + SUPERUSER
                + " postgres";
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir, int port, String password) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("password_encryption", "scram-sha-256")
                // the library's start-up probe and every DataSource it hands out log in with the password
                .setConnectConfig("password", password);
    }

    /** A new data directory: initdb sets the password and writes a SCRAM-only pg_hba.conf, so no trusting moment exists. */
    private static EmbeddedDatabase initialize(Path dataDir, int port, Path passwordFile) throws IOException {
        String password = newPassword();
        Path initdbPasswordFile = Files.createTempFile("partner-sync-initdb", ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(initdbPasswordFile, password, StandardCharsets.UTF_8);
            // the library passes these as initdb --key=value options after its own "-A trust", which they override
            EmbeddedPostgres postgres = builder(dataDir, port, password)
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", initdbPasswordFile.toString())
                    .start();
            writePassword(passwordFile, password);
            return new EmbeddedDatabase(postgres, password);
        } finally {
            Files.deleteIfExists(initdbPasswordFile);
        }
    }

    /** A data directory from before passwords: set one (sent as a SCRAM secret, never in clear), then trust nothing. */
    private static EmbeddedDatabase secureTrustingDataDirectory(Path dataDir, int port, Path passwordFile) throws IOException {
        String password = newPassword();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "localhost")
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            c.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
            Files.writeString(dataDir.resolve("pg_hba.conf"), SCRAM_ONLY_HBA, StandardCharsets.UTF_8);
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("could not set a password on the embedded PostgreSQL in " + dataDir, e);
        }
        writePassword(passwordFile, password);
        return new EmbeddedDatabase(postgres, password);
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writePassword(Path passwordFile, String password) throws IOException {
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
    }

    private static String readPassword(Path passwordFile) {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the embedded PostgreSQL password from " + passwordFile, e);
        }
    }

    private static void printPassword(PrintStream console, EmbeddedDatabase database, Path dataDir) {
        console.println("Embedded PostgreSQL: generated the password of user " + SUPERUSER + " (shown only now, kept in "
                + dataDir.resolve(PASSWORD_FILE).toAbsolutePath().normalize() + "): " + database.password);
        console.println("  connect with: " + connectHint(dataDir, database.port()));
    }
}
