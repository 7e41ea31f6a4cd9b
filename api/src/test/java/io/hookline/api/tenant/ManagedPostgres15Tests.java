package io.hookline.api.tenant;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The managed-database contract on PostgreSQL 15, where CREATEROLE still lets a login grant
 * itself any role and {@code GRANT … WITH SET} does not parse. A throwaway cluster made with
 * Debian's {@code pg_createcluster}; where those tools (or root) are missing the class is
 * skipped with the reason — {@link ManagedPostgres17Tests} covers the contract everywhere.
 */
class ManagedPostgres15Tests extends ManagedPostgresContract {

    private static final Path BINARIES = Path.of("/usr/lib/postgresql/15/bin");

    @Override
    ManagedCluster startCluster() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(
                root && Files.isExecutable(Path.of("/usr/bin/pg_createcluster")) && Files.isDirectory(BINARIES),
                "PostgreSQL 15 with pg_createcluster, run as root, is needed to start a throwaway 15 cluster");
        String name = "hl_managed_" + UUID.randomUUID().toString().substring(0, 8);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        run("pg_createcluster", "15", name, "-p", Integer.toString(port), "--start");
        ManagedCluster cluster = new ManagedCluster() {
            @Override
            public String jdbcUrl() {
                return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
            }

            @Override
            public void close() {
                try {
                    run("pg_dropcluster", "15", name, "--stop");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        try {
            // The cluster's superuser authenticates by peer on the local socket only.
            for (String sql : List.of(CREATE_LOGIN, CREATE_DATABASE)) {
                run(
                        "runuser",
                        "-u",
                        "postgres",
                        "--",
                        "psql",
                        "-p",
                        Integer.toString(port),
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-qc",
                        sql);
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static void run(String... command) throws IOException {
        // Output goes to a file, not a pipe: the server pg_createcluster starts inherits it and
        // would keep a pipe open for as long as it runs.
        Path output = Files.createTempFile("pg-cluster", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
