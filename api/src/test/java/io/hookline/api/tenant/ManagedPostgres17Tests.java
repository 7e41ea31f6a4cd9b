package io.hookline.api.tenant;

import io.hookline.domain.db.EmbeddedPostgresLauncher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The managed-database contract on the PostgreSQL we ship embedded (17): from 16 on, a
 * CREATEROLE login gets ADMIN but not SET on the roles it creates, the harder case. Its own
 * cluster, so the runtime roles do not exist yet, as on a fresh managed instance. Runs
 * everywhere: the binaries come from Maven Central.
 */
class ManagedPostgres17Tests extends ManagedPostgresContract {

    @Override
    ManagedCluster startCluster() throws Exception {
        Path dir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "pg-managed");
        EmbeddedPostgres postgres = EmbeddedPostgresLauncher.start(dir.resolve("data"), true, false);
        try (Connection superuser =
                        DriverManager.getConnection(EmbeddedPostgresLauncher.jdbcUrl(postgres), "postgres", "");
                Statement statement = superuser.createStatement()) {
            statement.execute(CREATE_LOGIN);
            statement.execute(CREATE_DATABASE);
        }
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
        return new ManagedCluster() {
            @Override
            public String jdbcUrl() {
                return url;
            }

            @Override
            public void close() {
                try {
                    postgres.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
