package io.hookline.domain.testing;

import io.hookline.domain.db.EmbeddedPostgresLauncher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL every test in this JVM uses, chosen once: the JDBC URL in
 * {@code HOOKLINE_TEST_JDBC_URL} (with {@code HOOKLINE_TEST_JDBC_USER}/{@code _PASSWORD}) if
 * set; else a Testcontainers PostgreSQL when a Docker engine answers; else an embedded
 * PostgreSQL started from Maven Central binaries. All are real servers running the production
 * migrations; tests isolate themselves with fresh tenants, not by truncating tables.
 */
public final class TestDatabase {

    public record Connection(String url, String username, String password, String source) {
        /** Spring properties pointing the app at this database. */
        public Map<String, Object> springProperties() {
            return Map.of(
                    "spring.datasource.url", url,
                    "spring.datasource.username", username,
                    "spring.datasource.password", password);
        }
    }

    private static @Nullable Connection connection;
    private static @Nullable EmbeddedPostgres embedded;

    private TestDatabase() {}

    public static synchronized Connection connection() {
        if (connection == null) {
            connection = open();
        }
        return connection;
    }

    /**
     * A new, empty database on the same server, for a test that must own every row (retention)
     * or inject a fault (a revoked privilege) without touching what other tests see.
     */
    public static Connection freshDatabase() {
        Connection main = connection();
        String name = "hl_" + Long.toString(System.nanoTime(), 36);
        try (var jdbc = java.sql.DriverManager.getConnection(main.url(), main.username(), main.password());
                var statement = jdbc.createStatement()) {
            statement.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create a test database", e);
        }
        int query = main.url().indexOf('?');
        String base = query < 0 ? main.url() : main.url().substring(0, query);
        String url = base.substring(0, base.lastIndexOf('/') + 1)
                + name
                + (query < 0 ? "" : main.url().substring(query));
        return new Connection(url, main.username(), main.password(), main.source() + " (database " + name + ")");
    }

    private static Connection open() {
        String url = System.getenv("HOOKLINE_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new Connection(
                    url,
                    envOr("HOOKLINE_TEST_JDBC_USER", "postgres"),
                    envOr("HOOKLINE_TEST_JDBC_PASSWORD", ""),
                    "HOOKLINE_TEST_JDBC_URL");
        }
        Connection container = testcontainers();
        if (container != null) {
            return container;
        }
        try {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            Path dir = Files.createTempDirectory(target, "pg");
            embedded = EmbeddedPostgresLauncher.start(dir.resolve("data"), true);
            EmbeddedPostgres started = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temp cluster goes with target/
                }
            }));
            return new Connection(EmbeddedPostgresLauncher.jdbcUrl(started), "postgres", "", "embedded PostgreSQL");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Testcontainers PostgreSQL when Docker is there; reflective so the class loads without Docker libraries in use. */
    private static @Nullable Connection testcontainers() {
        try {
            Class<?> factory = Class.forName("org.testcontainers.DockerClientFactory");
            Object instance = factory.getMethod("instance").invoke(null);
            boolean available = (boolean) factory.getMethod("isDockerAvailable").invoke(instance);
            if (!available) {
                return null;
            }
            Class<?> type = Class.forName("org.testcontainers.postgresql.PostgreSQLContainer");
            Object container = type.getConstructor(String.class).newInstance("postgres:17-alpine");
            type.getMethod("start").invoke(container);
            Method get = type.getMethod("getJdbcUrl");
            return new Connection(
                    (String) get.invoke(container),
                    (String) type.getMethod("getUsername").invoke(container),
                    (String) type.getMethod("getPassword").invoke(container),
                    "Testcontainers");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
