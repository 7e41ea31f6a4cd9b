package io.hookline.api.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} process of the test's own, on a free port, so a test can kill it for
 * real ({@code kill -9}) and start it again on the same port. Without {@code redis-server} on
 * the PATH the test is skipped with a message — outside CI; in CI ({@code CI=true}) it fails.
 */
public final class RedisServer implements AutoCloseable {

    private final String executable;
    private final int port;
    private @Nullable Process process;

    private RedisServer(String executable, int port) {
        this.executable = executable;
        this.port = port;
    }

    /** A free port and the binary to serve it; not started yet. */
    public static RedisServer onFreePort() {
        String executable = findOnPath("redis-server");
        if (executable == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(
                        "redis-server is not on the PATH, and CI must run the Redis outage tests");
            }
            Assumptions.abort("redis-server is not on the PATH: skipping the Redis outage test (it runs in CI)");
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return new RedisServer(executable, socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    public int port() {
        return port;
    }

    /** Starts the server (no persistence) and waits until it accepts connections. */
    public RedisServer start() {
        try {
            process = new ProcessBuilder(List.of(
                            executable,
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(this::accepts);
        return this;
    }

    /** {@code kill -9}: no shutdown, connections drop as they are. */
    public void kill() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
            try {
                running.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
