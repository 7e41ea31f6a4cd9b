package io.hookline.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RedisAvailability;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.tenant.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class RateLimitApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    @Test
    void twentyFirstRequestInTheWindowIsRateLimitedWithRetryAfter() {
        TestTenant tenant = api.newTenant(Tenant.RateLimit.DEFAULT, 3);
        for (int i = 0; i < 20; i++) {
            Response ok = api.get("/v1/webhooks", tenant);
            assertThat(ok.status()).as("request %d", i + 1).isEqualTo(200);
            assertThat(ok.header("RateLimit-Policy")).isEqualTo("\"default\";q=20;w=10");
            assertThat(ok.header("RateLimit")).matches("\"default\";r=" + (19 - i) + ";t=(10|[1-9])");
        }

        Response limited = api.get("/v1/webhooks", tenant);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/rate-limited");
        assertThat(limited.header("RateLimit-Policy")).isEqualTo("\"default\";q=20;w=10");
        assertThat(limited.header("RateLimit")).startsWith("\"default\";r=0;t=");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(9, 10);
    }

    @Test
    void theCooldownBlocksEveryRequestAndIsNotExtendedByThem() {
        TestTenant tenant = api.newTenant(new Tenant.RateLimit(3, 1, 2), 3);
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/v1/webhooks", tenant).status()).isEqualTo(200);
        }
        long blockedAt = System.nanoTime();
        assertThat(api.get("/v1/webhooks", tenant).status()).isEqualTo(429);

        // Hammer through the cooldown: had the hammering extended it, this would never end.
        List<Integer> during = new ArrayList<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    int status = api.get("/v1/webhooks", tenant).status();
                    during.add(status);
                    return status == 200;
                });
        long elapsedMillis = (System.nanoTime() - blockedAt) / 1_000_000;

        assertThat(elapsedMillis).isBetween(1_800L, 3_500L);
        assertThat(during.subList(0, during.size() - 1)).isNotEmpty().allMatch(status -> status == 429);
    }

    @Test
    void aTenantsOwnLimitReplacesTheDefault() {
        TestTenant tenant = api.newTenant(new Tenant.RateLimit(5, 60, 10), 3);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/v1/webhooks", tenant).header("RateLimit-Policy"))
                    .isEqualTo("\"default\";q=5;w=60");
        }
        assertThat(api.get("/v1/webhooks", tenant).status()).isEqualTo(429);
    }

    @Test
    void oneTenantsExhaustedBudgetDoesNotLimitAnother() {
        TestTenant noisy = api.newTenant(new Tenant.RateLimit(2, 60, 60), 3);
        TestTenant quiet = api.newTenant(new Tenant.RateLimit(2, 60, 60), 3);
        api.get("/v1/webhooks", noisy);
        api.get("/v1/webhooks", noisy);
        assertThat(api.get("/v1/webhooks", noisy).status()).isEqualTo(429);
        assertThat(api.get("/v1/webhooks", quiet).status()).isEqualTo(200);
    }

    @Test
    void twoNodesSharingRedisShareOneBudget() {
        RedisAvailability.assumeRedis();
        String sharedKey = java.nio.file.Path.of("target", "two-nodes-" + java.util.UUID.randomUUID() + ".json")
                .toAbsolutePath()
                .toString();
        Map<String, String> redis = Map.of("hookline.ratelimit.store", "redis", "hookline.dev.key-file", sharedKey);
        try (RunningApp first = RunningApp.start(redis);
                RunningApp second = RunningApp.start(redis)) {
            TestTenant tenant = first.client().newTenant(Tenant.RateLimit.DEFAULT, 3);
            String token = first.client().token(List.of(tenant.id()), List.of(Scopes.WEBHOOKS_READ));
            int allowed = 0;
            for (int i = 0; i < 30; i++) {
                ApiClient node = i % 2 == 0 ? first.client() : second.client();
                if (node.get("/v1/webhooks", token, tenant.id()).status() == 200) {
                    allowed++;
                }
            }
            assertThat(allowed).isEqualTo(20);
            assertThat(second.client().get("/v1/webhooks", token, tenant.id()).status())
                    .isEqualTo(429);
        }
    }

    @Test
    void unauthenticatedCallsAreLimitedPerAddress() {
        try (RunningApp strict = RunningApp.start(Map.of("hookline.ratelimit.anonymous-limit", "3"))) {
            ApiClient client = strict.client();
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/v1/webhooks", null, null).status()).isEqualTo(401);
            }
            Response limited = client.get("/v1/webhooks", null, null);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotNull();
            assertThat(limited.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/rate-limited");
        }
    }
}
