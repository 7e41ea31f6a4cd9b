package io.hookline.api.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A node whose delivery worker runs, configured for tests: receivers on loopback are allowed,
 * plain http is accepted, and retries come after 200 ms instead of 5 s.
 */
public final class DeliveryNode {

    public static final Map<String, String> SETTINGS = Map.of(
            "hookline.delivery.enabled", "true",
            "hookline.webhooks.allow-http", "true",
            "hookline.webhooks.allowed-networks", "127.0.0.0/8",
            "hookline.delivery.retry-schedule", "0s,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms",
            "hookline.delivery.disable-after-failures", "5");

    private static @Nullable RunningApp shared;

    private DeliveryNode() {}

    public static synchronized RunningApp shared() {
        if (shared == null) {
            shared = start(Map.of());
            RunningApp app = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        }
        return shared;
    }

    public static RunningApp start(Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>(SETTINGS);
        settings.putAll(overrides);
        return RunningApp.start(settings);
    }
}
