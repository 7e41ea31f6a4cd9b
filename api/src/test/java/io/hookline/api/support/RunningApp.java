package io.hookline.api.support;

import io.hookline.api.HooklineApplication;
import io.hookline.domain.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Hookline node on a random port against the test database, started the way the jar
 * starts (command-line properties), so tests exercise the same wiring as production. Most
 * tests share one node, the delivery tests another whose worker runs; tests that need their
 * own settings (two nodes, Redis) start more.
 */
public final class RunningApp implements AutoCloseable {

    /** A fixed test key for secrets at rest (base64 of 32 bytes). */
    public static final String TEST_SECRETS_KEY = "q6qXW1M8W5m8mXzj8c3f9bqkq1l0o0mS4t7yC2b4d6E=";

    /**
     * A node whose delivery worker runs, configured for tests: receivers on loopback are allowed,
     * plain http is accepted, and retries come after 200 ms instead of 5 s.
     */
    public static final Map<String, String> DELIVERY_SETTINGS = Map.of(
            "hookline.delivery.enabled", "true",
            "hookline.webhooks.allow-http", "true",
            "hookline.webhooks.allowed-networks", "127.0.0.0/8",
            "hookline.delivery.retry-schedule", "0s,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms",
            "hookline.delivery.disable-after-failures", "5");

    private static final Shared SHARED = new Shared(Map.of());
    private static final Shared SHARED_WITH_DELIVERY = new Shared(DELIVERY_SETTINGS);

    private final ConfigurableApplicationContext context;
    private final int port;

    private RunningApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** The node most tests share, started on first use and stopped when the JVM exits. */
    public static RunningApp shared() {
        return SHARED.get();
    }

    /** The node the delivery tests share, with {@link #DELIVERY_SETTINGS}; started and stopped likewise. */
    public static RunningApp sharedWithDelivery() {
        return SHARED_WITH_DELIVERY.get();
    }

    /** A node of its own with {@link #DELIVERY_SETTINGS}, then {@code overrides}. */
    public static RunningApp startWithDelivery(Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>(DELIVERY_SETTINGS);
        settings.putAll(overrides);
        return start(settings);
    }

    /**
     * A node of its own with {@link #DELIVERY_SETTINGS}, then {@code overrides}, on a fresh
     * database of its own. Every delivering node of this JVM on the shared database claims from
     * the same queue, with its own retry schedule and disable threshold; on a database of its own,
     * this node is the only one that sends its webhooks' deliveries, so what holds per node (the
     * order of a Kafka webhook's records, its retry settings) is what the test sees.
     */
    public static RunningApp startWithDeliveryAlone(Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>(overrides);
        TestDatabase.freshDatabase()
                .springProperties()
                .forEach((key, value) -> settings.put(key, String.valueOf(value)));
        return startWithDelivery(settings);
    }

    public static RunningApp start(Map<String, String> overrides) {
        // A node given its own database (a managed-style cluster, say) does not start the shared one.
        Map<String, Object> properties = new LinkedHashMap<>(
                overrides.containsKey("spring.datasource.url")
                        ? Map.of()
                        : TestDatabase.connection().springProperties());
        properties.put("server.port", "0");
        properties.put("hookline.dev.enabled", "true");
        properties.put("hookline.secrets.encryption-key", TEST_SECRETS_KEY);
        properties.put("hookline.ratelimit.anonymous-limit", "100000");
        properties.put("spring.datasource.hikari.maximum-pool-size", "10");
        // Only the delivery tests run workers (their receivers are on loopback, which other tests'
        // nodes rightly refuse); see DELIVERY_SETTINGS.
        properties.put("hookline.delivery.enabled", "false");
        properties.putAll(overrides);
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(HooklineApplication.class).run(args.toArray(String[]::new));
        return new RunningApp(context);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A property of the node's environment as it resolved it ({@code local.management.port}, say). */
    public @Nullable String property(String name) {
        return context.getEnvironment().getProperty(name);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ApiClient client() {
        return new ApiClient(this);
    }

    @Override
    public void close() {
        context.close();
    }

    /** A node with these settings, started on first use and stopped when the JVM exits. */
    private static final class Shared {
        private final Map<String, String> settings;
        private @Nullable RunningApp app;

        Shared(Map<String, String> settings) {
            this.settings = settings;
        }

        synchronized RunningApp get() {
            RunningApp started = app;
            if (started == null) {
                started = start(settings);
                Runtime.getRuntime().addShutdownHook(new Thread(started::close));
                app = started;
            }
            return started;
        }
    }
}
