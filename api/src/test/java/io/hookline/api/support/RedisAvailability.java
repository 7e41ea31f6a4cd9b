package io.hookline.api.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * Redis-backed tests need a Redis at 127.0.0.1:6379. In CI ({@code CI=true}) one is always
 * started, so its absence fails the test; on a laptop without Redis the test is skipped with a
 * message, so {@code ./mvnw verify} still passes with only a JDK.
 */
public final class RedisAvailability {

    private RedisAvailability() {}

    public static void assumeRedis() {
        boolean up;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        if (!up && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort(
                    "Redis is not running at 127.0.0.1:6379: skipping the shared-budget test (it runs in CI)");
        }
    }
}
