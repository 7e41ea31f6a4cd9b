package io.hookline.api.embedded;

import io.hookline.api.security.DevMode;
import io.hookline.domain.db.EmbeddedPostgresLauncher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs before the context is built. With no {@code spring.datasource.url}, it starts an
 * embedded PostgreSQL whose data lives in {@code hookline.embedded.dir} (default
 * {@code ./.hookline}), and adds — as defaults that any explicit setting overrides — the
 * datasource pointing at it and a locally generated secrets key kept in the same folder (so
 * secrets stored in one run still decrypt in the next). Then, with or without it, has
 * {@link DevMode} decide whether dev mode is on (by default only on this embedded default).
 */
public class EmbeddedDefaultEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "hookline-embedded-default";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty("spring.datasource.url")
                && !environment.getPropertySources().contains(SOURCE)) {
            startEmbedded(environment, application);
        }
        DevMode.decide(environment, environment.getPropertySources().contains(SOURCE));
    }

    private static void startEmbedded(ConfigurableEnvironment environment, SpringApplication application) {
        // the context does not exist yet: read directly, with EmbeddedProperties' default
        Path dir = Path.of(environment.getProperty("hookline.embedded.dir", ".hookline"))
                .toAbsolutePath();
        EmbeddedPostgres postgres = EmbeddedPostgresLauncher.start(dir.resolve("pgdata"), false);
        AtomicBoolean open = new AtomicBoolean(true);
        Runnable stop = () -> {
            if (open.getAndSet(false)) {
                close(postgres);
            }
        };
        // stopped with the context (after the pool has closed), or with the JVM if the context never started
        application.addListeners((ApplicationListener<ContextClosedEvent>) event -> stop.run());
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "embedded-postgres-stop"));

        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.datasource.url", EmbeddedPostgresLauncher.jdbcUrl(postgres));
        defaults.put("spring.datasource.username", "postgres");
        defaults.put("spring.datasource.password", "");
        defaults.put("hookline.embedded.active", "true");
        defaults.put(
                "hookline.dev.key-file", dir.resolve("dev-signing-key.json").toString());
        defaults.put("hookline.secrets.encryption-key", localKey(dir.resolve("secrets-encryption.key")));
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    private static String localKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the folder's own permissions apply
            }
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the local secrets key " + file, e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting; PostgreSQL shuts itself down when its parent is gone
        }
    }
}
