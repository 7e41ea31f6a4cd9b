package io.hookline.api.delivery;

import static io.hookline.domain.jooq.Tables.DELIVERY;
import static io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A webhook's {@code rateLimit}, against real receivers that note when each request arrives:
 * the throttled one never gets more than the limit (plus one second's burst) in any second
 * while its backlog waits, the other webhook of the tenant gets everything at once.
 */
class WebhookThrottleTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final long SECOND = 1_000_000_000L;

    private final RunningApp app = RunningApp.sharedWithDelivery();
    private final ApiClient api = app.client();
    private final Receiver throttled = new Receiver();
    private final Receiver unthrottled = new Receiver();
    private final ConcurrentLinkedQueue<Long> throttledArrivals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> unthrottledArrivals = new ConcurrentLinkedQueue<>();

    WebhookThrottleTests() {
        throttled.byDefault(request -> {
            throttledArrivals.add(System.nanoTime());
            return Reply.status(200);
        });
        unthrottled.byDefault(request -> {
            unthrottledArrivals.add(System.nanoTime());
            return Reply.status(200);
        });
    }

    @AfterEach
    void stopReceivers() {
        throttled.close();
        unthrottled.close();
    }

    private void publish(TestTenant tenant, int events) {
        JsonNode data = api.sample(tenant, "order.placed");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(Map.of("type", "order.placed", "data", data));
        }
        Response published = api.post("/v1/events/batch", Map.of("events", batch), tenant);
        assertThat(published.status()).as(published.raw()).isEqualTo(200);
    }

    /** The most requests that arrived within any one second. */
    private static int busiestSecond(List<Long> arrivals) {
        List<Long> sorted = arrivals.stream().sorted().toList();
        int most = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) >= SECOND) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }

    @Test
    void aThrottledWebhookGetsItsBacklogAtItsRateWhileAnotherWebhookOfTheTenantGetsEverythingAtOnce() {
        TestTenant tenant = api.newTenant();
        String slow = api.webhook(tenant, throttled.url("/slow"), Map.of("rateLimit", 10));
        String fast = api.webhook(tenant, unthrottled.url("/fast"), Map.of());

        publish(tenant, 60);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> unthrottledArrivals.size() >= 60);
        // the unthrottled webhook is done long before the throttled one could be (≥ 5 s at 10/s)
        assertThat(throttledArrivals.size()).isLessThan(60);
        Awaitility.await().atMost(DEADLINE).until(() -> throttledArrivals.size() >= 60);

        List<Long> arrivals = List.copyOf(throttledArrivals);
        // a full bucket (10) may go at once, then 10 a second: at most 20 sent in any second; a
        // request arrives a few ms after it is sent, so a second of arrivals may hold one or two more
        assertThat(busiestSecond(arrivals)).isLessThanOrEqualTo(22);
        List<Long> sorted = arrivals.stream().sorted().toList();
        assertThat(sorted.getLast() - sorted.getFirst()).isGreaterThan(4 * SECOND);
        assertThat(unthrottledArrivals).hasSize(60);

        // waiting for a token is no attempt: one attempt per delivery, no failure streak
        DSLContext dsl = app.bean(DSLContext.class);
        Awaitility.await()
                .atMost(DEADLINE)
                .until(() ->
                        dsl.fetchCount(DELIVERY, DELIVERY.WEBHOOK_ID.eq(slow), DELIVERY.STATUS.eq("succeeded")) == 60);
        Map<Integer, Integer> attemptsPerDelivery = new HashMap<>();
        dsl.select(DELIVERY.ATTEMPT_COUNT)
                .from(DELIVERY)
                .where(DELIVERY.WEBHOOK_ID.eq(slow))
                .fetch(DELIVERY.ATTEMPT_COUNT)
                .forEach(count -> attemptsPerDelivery.merge(count, 1, Integer::sum));
        assertThat(attemptsPerDelivery).isEqualTo(Map.of(1, 60));
        assertThat(dsl.fetchCount(
                        DELIVERY_ATTEMPT,
                        DELIVERY_ATTEMPT.DELIVERY_ID.in(
                                dsl.select(DELIVERY.ID).from(DELIVERY).where(DELIVERY.WEBHOOK_ID.eq(slow)))))
                .isEqualTo(60);
        JsonNode webhook = api.get("/v1/webhooks/" + slow, tenant).json();
        assertThat(webhook.get("rateLimit").asInt()).isEqualTo(10);
        assertThat(webhook.get("consecutiveFailures").asInt()).isZero();
        assertThat(api.get("/v1/webhooks/" + fast, tenant)
                        .json()
                        .get("rateLimit")
                        .isNull())
                .isTrue();
    }

    @Test
    void clearingTheRateLimitSendsTheWaitingBacklogAtOnce() {
        TestTenant tenant = api.newTenant();
        String slow = api.webhook(tenant, throttled.url("/slow"), Map.of("rateLimit", 1));

        publish(tenant, 20);
        Awaitility.await().atMost(DEADLINE).until(() -> !throttledArrivals.isEmpty());
        // at 1/s, 20 would take about 19 s
        assertThat(throttledArrivals.size()).isLessThan(10);

        Map<String, Object> clear = new HashMap<>();
        clear.put("rateLimit", null);
        Response cleared = api.patch("/v1/webhooks/" + slow, clear, tenant);
        assertThat(cleared.status()).as(cleared.raw()).isEqualTo(200);
        assertThat(cleared.json().get("rateLimit").isNull()).isTrue();

        Awaitility.await().atMost(Duration.ofSeconds(6)).until(() -> throttledArrivals.size() >= 20);
    }

    @Test
    void aRateLimitIsAWholeNumberFrom1To10000AndAPatchLeavesItUnlessGiven() {
        TestTenant tenant = api.newTenant();
        for (Object bad : List.of(0, 10001, -5)) {
            Map<String, Object> body = ApiClient.webhookBody("bad", throttled.url("/x"));
            body.put("rateLimit", bad);
            Response refused = api.post("/v1/webhooks", body, tenant);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.invalidFields()).as(refused.raw()).containsExactly("rateLimit");
        }
        Map<String, Object> fractional = ApiClient.webhookBody("bad", throttled.url("/x"));
        fractional.put("rateLimit", 2.5);
        Response wrongType = api.post("/v1/webhooks", fractional, tenant);
        // a fraction where a whole number belongs is a wrong type, as everywhere (docs/decisions.md)
        assertThat(wrongType.status()).as(wrongType.raw()).isEqualTo(400);
        assertThat(wrongType.fieldErrors()).containsExactly("rateLimit");

        String id = api.webhook(tenant, throttled.url("/x"), Map.of("rateLimit", 10000));
        assertThat(api.get("/v1/webhooks/" + id, tenant).json().get("rateLimit").asInt())
                .isEqualTo(10000);
        for (Object bad : List.of(0, 10001)) {
            Response refused = api.patch("/v1/webhooks/" + id, Map.of("rateLimit", bad), tenant);
            assertThat(refused.invalidFields()).as(refused.raw()).containsExactly("rateLimit");
        }
        Response fraction = api.patch("/v1/webhooks/" + id, Map.of("rateLimit", 2.5), tenant);
        assertThat(fraction.status()).as(fraction.raw()).isEqualTo(400);
        assertThat(fraction.fieldErrors()).containsExactly("rateLimit");
        Response other = api.patch("/v1/webhooks/" + id, Map.of("name", "renamed"), tenant);
        assertThat(other.json().get("rateLimit").asInt()).isEqualTo(10000);
        Response changed = api.patch("/v1/webhooks/" + id, Map.of("rateLimit", 5), tenant);
        assertThat(changed.json().get("rateLimit").asInt()).isEqualTo(5);
        Map<String, Object> clear = new HashMap<>();
        clear.put("rateLimit", null);
        assertThat(api.patch("/v1/webhooks/" + id, clear, tenant)
                        .json()
                        .get("rateLimit")
                        .isNull())
                .isTrue();
        assertThat(api.get("/v1/webhooks/" + id, tenant).json().get("rateLimit").isNull())
                .isTrue();
    }
}
