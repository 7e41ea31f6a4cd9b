package io.hookline.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RedisServer;
import io.hookline.api.support.RunningApp;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two worker nodes on one database sharing Redis: together they keep a webhook's rate limit,
 * not once each. Runs in the cluster tests' JVM (see the api pom), so no other worker joins.
 */
class WebhookThrottleClusterTests {

    private static final long SECOND = 1_000_000_000L;

    private static double attempts(RunningApp node) {
        return node.bean(MeterRegistry.class).find("hookline.delivery.attempts").counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    @Test
    void twoNodesSharingRedisTogetherSendAThrottledBacklogAtTheWebhooksRate() {
        String key = Path.of("target", "throttle-cluster-key-" + System.nanoTime() + ".json")
                .toAbsolutePath()
                .toString();
        ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
        try (RedisServer redis = RedisServer.onFreePort().start();
                Receiver receiver = new Receiver();
                RunningApp first = RunningApp.startWithDelivery(Map.of(
                        "hookline.dev.key-file",
                        key,
                        "hookline.ratelimit.store",
                        "redis",
                        "spring.data.redis.port",
                        Integer.toString(redis.port()),
                        // sharing is what is tested, not an outage: a slow machine must not make a
                        // node fall back to its own buckets (two budgets) on a 500 ms timeout
                        "spring.data.redis.timeout",
                        "5s"));
                RunningApp second = RunningApp.startWithDelivery(Map.of(
                        "hookline.dev.key-file",
                        key,
                        "hookline.ratelimit.store",
                        "redis",
                        "spring.data.redis.port",
                        Integer.toString(redis.port()),
                        "spring.data.redis.timeout",
                        "5s"))) {
            receiver.byDefault(request -> {
                arrivals.add(System.nanoTime());
                return Reply.status(200);
            });
            ApiClient api = first.client();
            TestTenant tenant = api.newTenant();
            api.webhook(tenant, receiver.url("/slow"), Map.of("rateLimit", 10));
            JsonNode data = api.sample(tenant, "order.placed");
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                batch.add(Map.of("type", "order.placed", "data", data));
            }
            double before = attempts(first) + attempts(second);

            assertThat(api.post("/v1/events/batch", Map.of("events", batch), tenant)
                            .status())
                    .isEqualTo(200);

            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> arrivals.size() >= 80);
            List<Long> sorted = arrivals.stream().sorted().toList();
            int busiest = 0;
            int from = 0;
            for (int to = 0; to < sorted.size(); to++) {
                while (sorted.get(to) - sorted.get(from) >= SECOND) {
                    from++;
                }
                busiest = Math.max(busiest, to - from + 1);
            }
            // One budget for both nodes: a full bucket (10), then 10 a second, so at most 20 sent in
            // any second and 80 take at least 7 s (two budgets: up to 40, and 80 in about 3 s). A
            // request arrives a few ms after it is sent, so a second of arrivals may hold one or two
            // more than a second of sends.
            assertThat(busiest).isLessThanOrEqualTo(22);
            assertThat(sorted.getLast() - sorted.getFirst()).isGreaterThan(6 * SECOND);
            assertThat(arrivals).hasSize(80);
            assertThat(attempts(first) + attempts(second) - before).isEqualTo(80.0);
        }
    }
}
