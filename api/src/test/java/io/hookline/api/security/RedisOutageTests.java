package io.hookline.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RedisServer;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.tenant.Tenant;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * With buckets in Redis, Redis dying (killed for real, mid-load) slows no call and stops
 * none: limits fall back to each node's own buckets, health says Redis is down while readiness
 * stays up, and Redis shares the budget again once it is back.
 */
class RedisOutageTests {

    /** A limiter call waits at most 500 ms for Redis; with the request around it, a call answers within this. */
    private static final long CALL_BOUND_MILLIS = 1_500;

    private record Call(int status, long millis) {}

    private static Map<String, String> redisNode(RedisServer redis, String keyFile) {
        return Map.of(
                "hookline.ratelimit.store",
                "redis",
                "spring.data.redis.port",
                Integer.toString(redis.port()),
                "hookline.dev.key-file",
                keyFile);
    }

    private static String keyFile() {
        return Path.of("target", "redis-outage-" + UUID.randomUUID() + ".json")
                .toAbsolutePath()
                .toString();
    }

    private static Call timed(ApiClient node, String path, String token, String tenant) {
        long started = System.nanoTime();
        int status = node.get(path, token, tenant).status();
        return new Call(status, (System.nanoTime() - started) / 1_000_000);
    }

    /** Alternates calls between the nodes; every call must answer within the bound. */
    private static int allowedAcross(List<RunningApp> nodes, TestTenant tenant, int calls) {
        int allowed = 0;
        for (int i = 0; i < calls; i++) {
            Call call = timed(nodes.get(i % nodes.size()).client(), "/v1/webhooks", tenant.token(), tenant.id());
            assertThat(call.millis()).as("call %d took", i + 1).isLessThan(CALL_BOUND_MILLIS);
            assertThat(call.status()).as("call %d", i + 1).isIn(200, 429);
            if (call.status() == 200) {
                allowed++;
            }
        }
        return allowed;
    }

    private static String redisStatus(RunningApp node) {
        return node.client()
                .get("/actuator/health", admin(node), null)
                .json()
                .get("components")
                .get("redis")
                .get("status")
                .asString();
    }

    private static String admin(RunningApp node) {
        return node.client().token(List.of(), List.of("platform:admin"));
    }

    private static void assertReadyWhileRedisIsDown(RunningApp node) {
        Response health = node.client().get("/actuator/health", admin(node), null);
        assertThat(health.json().get("components").get("redis").get("status").asString())
                .isEqualTo("DOWN");
        Response anonymous = node.client().get("/actuator/health", null, null);
        assertThat(anonymous.json().get("status").asString()).isEqualTo("DOWN");
        assertThat(anonymous.json().has("components")).isFalse();
        Response readiness = node.client().get("/actuator/health/readiness", null, null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        Response liveness = node.client().get("/actuator/health/liveness", null, null);
        assertThat(liveness.status()).isEqualTo(200);
    }

    private static List<String> keysOf(RedisServer redis, TestTenant tenant) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + redis.port());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys("hookline:ratelimit:tenant:" + tenant.id() + ":*");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aRedisKilledMidLoadSlowsNoCallAndEachNodeKeepsLimitingOnItsOwn() throws Exception {
        String keyFile = keyFile();
        try (RedisServer redis = RedisServer.onFreePort().start();
                RunningApp first = RunningApp.start(redisNode(redis, keyFile));
                RunningApp second = RunningApp.start(redisNode(redis, keyFile))) {
            List<RunningApp> nodes = List.of(first, second);
            ApiClient api = first.client();
            // A fresh node's first call (JIT, first connections) is not what is measured here.
            TestTenant warmUp = api.newTenant();
            for (RunningApp node : nodes) {
                node.client().get("/v1/webhooks", warmUp.token(), warmUp.id());
            }

            TestTenant before = api.newTenant(new Tenant.RateLimit(10, 60, 60), 3);
            assertThat(allowedAcross(nodes, before, 20))
                    .as("one budget shared through Redis")
                    .isEqualTo(10);
            assertThat(keysOf(redis, before)).isNotEmpty();
            assertThat(redisStatus(first)).isEqualTo("UP");

            // Load on both nodes while Redis dies under it.
            TestTenant busy = api.newTenant(new Tenant.RateLimit(100_000, 10, 10), 3);
            List<Call> load = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean loading = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (RunningApp node : nodes) {
                for (int c = 0; c < 2; c++) {
                    clients.add(Thread.ofVirtual().start(() -> {
                        while (loading.get()) {
                            load.add(timed(node.client(), "/v1/webhooks", busy.token(), busy.id()));
                        }
                    }));
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.size() >= 40);
            redis.kill();
            int atKill = load.size();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> load.size() >= atKill + 200);
            loading.set(false);
            for (Thread client : clients) {
                client.join();
            }

            List<Call> calls = List.copyOf(load);
            assertThat(calls).allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
            assertThat(calls)
                    .as("the slowest call around the kill")
                    .allSatisfy(call -> assertThat(call.millis()).isLessThan(CALL_BOUND_MILLIS));

            // Still limited while Redis is gone, per node: each node spends its own budget.
            TestTenant during = api.newTenant(new Tenant.RateLimit(5, 60, 60), 3);
            assertThat(allowedAcross(nodes, during, 20))
                    .as("one budget per node")
                    .isEqualTo(10);
            assertReadyWhileRedisIsDown(first);
            assertReadyWhileRedisIsDown(second);

            // Back on the same port: both nodes use it again, and share one budget again.
            redis.start();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> redisStatus(first).equals("UP")
                            && redisStatus(second).equals("UP"));
            TestTenant after = api.newTenant(new Tenant.RateLimit(10, 60, 60), 3);
            assertThat(allowedAcross(nodes, after, 20))
                    .as("one budget shared again")
                    .isEqualTo(10);
            assertThat(keysOf(redis, after)).isNotEmpty();
        }
    }

    @Test
    void aNodeStartsWhileRedisIsDownLimitsOnItsOwnAndUsesRedisOnceItIsUp() {
        try (RedisServer redis = RedisServer.onFreePort();
                RunningApp node = RunningApp.start(redisNode(redis, keyFile()))) {
            assertThat(redis.accepts()).isFalse();
            TestTenant tenant = node.client().newTenant(new Tenant.RateLimit(3, 60, 60), 3);

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Call call = timed(node.client(), "/v1/webhooks", tenant.token(), tenant.id());
                assertThat(call.millis()).as("call %d took", i + 1).isLessThan(CALL_BOUND_MILLIS);
                statuses.add(call.status());
            }

            assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
            assertReadyWhileRedisIsDown(node);

            redis.start();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> redisStatus(node).equals("UP"));
            TestTenant later = node.client().newTenant(new Tenant.RateLimit(3, 60, 60), 3);
            assertThat(node.client().get("/v1/webhooks", later).status()).isEqualTo(200);
            assertThat(keysOf(redis, later)).isNotEmpty();
        }
    }
}
