package io.hookline.domain.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a real PostgreSQL server from the binaries shipped on Maven Central, so the app and
 * its tests run with nothing installed but a JDK. Data stays in {@code dataDirectory} between
 * runs unless {@code clean} is set.
 */
public final class EmbeddedPostgresLauncher {

    private EmbeddedPostgresLauncher() {}

    public static EmbeddedPostgres start(Path dataDirectory, boolean clean) {
        return start(dataDirectory, clean, !clean);
    }

    /**
     * @param durable whether commits wait for the disk ({@code fsync} and {@code synchronous_commit}
     *     on, as on a production server); tests and throwaway clusters skip it. Both are set
     *     explicitly because zonky's own defaults turn {@code synchronous_commit} off.
     */
    public static EmbeddedPostgres start(Path dataDirectory, boolean clean, boolean durable) {
        return start(dataDirectory, clean, durable, java.util.Map.of());
    }

    /** As {@link #start(Path, boolean, boolean)}, with more server settings (the benchmark's profiling). */
    public static EmbeddedPostgres start(
            Path dataDirectory, boolean clean, boolean durable, java.util.Map<String, String> settings) {
        try {
            Path absolute = dataDirectory.toAbsolutePath();
            Path binaries = absolute.resolveSibling(absolute.getFileName() + "-bin");
            Files.createDirectories(absolute);
            Files.createDirectories(binaries);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            settings.forEach(builder::setServerConfig);
            return builder.setDataDirectory(absolute)
                    .setCleanDataDirectory(clean)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public static String jdbcUrl(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }
}
