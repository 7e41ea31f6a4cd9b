package io.hookline.api.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.testing.HostileReceiver;
import io.hookline.domain.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Faults inside the delivery engine's own reach, each injected for real on a node with a
 * database of its own: the database refusing attempt results, acknowledgements that never
 * come, a resend racing the worker, a flood of test calls on a disabled webhook, and a
 * graceful shutdown with requests in flight.
 */
class DeliveryFaultTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** A delivery node on a fresh database of its own, so its worker is the only one that sees its rows. */
    static RunningApp node(TestDatabase.Connection database, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        database.springProperties().forEach((key, value) -> all.put(key, String.valueOf(value)));
        return RunningApp.startWithDelivery(all);
    }

    static void asSuperuser(TestDatabase.Connection database, String sql) {
        try (var jdbc = DriverManager.getConnection(database.url(), database.username(), database.password());
                var statement = jdbc.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static String webhook(ApiClient api, TestTenant tenant, String url, Map<String, Object> extra) {
        return api.webhook(tenant, url, extra);
    }

    static String publish(ApiClient api, TestTenant tenant) {
        return api.publishSample(tenant, "order.placed");
    }

    static JsonNode deliveries(ApiClient api, TestTenant tenant, String webhookId) {
        return api.deliveries(tenant, webhookId);
    }

    /** Rows of (label, count) from a query run as the superuser. */
    static Map<String, Long> countBy(TestDatabase.Connection database, String sql) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (var jdbc = DriverManager.getConnection(database.url(), database.username(), database.password());
                var statement = jdbc.createStatement();
                var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return counts;
    }

    @Test
    void whenTheDatabaseRefusesEveryAttemptResultTheDeliveryStillEndsAfterMaxAttemptsSends() {
        TestDatabase.Connection database = TestDatabase.freshDatabase();
        try (Receiver receiver = new Receiver();
                RunningApp node = node(
                        database,
                        Map.of("hookline.delivery.lease", "2s", "hookline.delivery.sweep-interval", "200ms"))) {
            ApiClient api = node.client();
            TestTenant tenant = api.newTenant();
            String webhookId = webhook(
                    api, tenant, receiver.url("/refused"), Map.of("retry", Map.of("enabled", true, "maxAttempts", 2)));
            asSuperuser(database, "revoke insert on delivery_attempt from hookline_worker");
            try {
                publish(api, tenant);

                Awaitility.await()
                        .atMost(DEADLINE)
                        .until(() -> deliveries(api, tenant, webhookId)
                                .get(0)
                                .get("status")
                                .asString()
                                .equals("failed"));
            } finally {
                asSuperuser(database, "grant insert on delivery_attempt to hookline_worker");
            }

            JsonNode delivery = deliveries(api, tenant, webhookId).get(0);
            assertThat(delivery.get("attemptCount").asInt()).isEqualTo(2);
            assertThat(receiver.received()).hasSize(2);
        }
    }

    @Test
    void anAcknowledgementThatNeverComesCountsAsAFailedAttemptAndFollowsTheSchedule() {
        TestDatabase.Connection database = TestDatabase.freshDatabase();
        try (Receiver receiver = new Receiver().byDefault(request -> Reply.status(202));
                RunningApp node = node(
                        database,
                        Map.of(
                                "hookline.delivery.acknowledgement-timeout", "1s",
                                "hookline.delivery.sweep-interval", "200ms"))) {
            ApiClient api = node.client();
            TestTenant tenant = api.newTenant();
            String webhookId = webhook(
                    api,
                    tenant,
                    receiver.url("/async"),
                    Map.of("asyncAcknowledgement", true, "retry", Map.of("enabled", true, "maxAttempts", 2)));
            publish(api, tenant);

            receiver.awaitRequests(1, DEADLINE);
            assertThat(deliveries(api, tenant, webhookId).get(0).get("status").asString())
                    .isIn("delivering", "waiting");
            Awaitility.await()
                    .atMost(DEADLINE)
                    .until(() -> deliveries(api, tenant, webhookId)
                            .get(0)
                            .get("status")
                            .asString()
                            .equals("failed"));

            String id = deliveries(api, tenant, webhookId).get(0).get("id").asString();
            JsonNode attempts = api.get("/v1/deliveries/" + id, tenant).json().get("attempts");
            assertThat(attempts).hasSize(2);
            for (JsonNode attempt : attempts) {
                assertThat(attempt.get("responseStatus").asInt()).isEqualTo(202);
                assertThat(attempt.get("reason").asString()).isEqualTo("no acknowledgement within PT1S");
            }
            assertThat(receiver.received()).hasSize(2);
            // each 202 was a successful exchange and reset the streak; each overdue acknowledgement added one
            assertThat(api.get("/v1/webhooks/" + webhookId, tenant)
                            .json()
                            .get("consecutiveFailures")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void resendsHammeringADeliveryNeverSendItTwiceAtOnce() throws Exception {
        TestDatabase.Connection database = TestDatabase.freshDatabase();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        HostileReceiver.Behaviour slowOk = (socket, out) -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } finally {
                inFlight.decrementAndGet();
            }
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
        try (HostileReceiver receiver = new HostileReceiver(slowOk);
                RunningApp node = node(database, Map.of());
                ExecutorService clients = Executors.newFixedThreadPool(4)) {
            ApiClient api = node.client();
            // a budget the hammering cannot exhaust: this test is about concurrency, not limits
            TestTenant tenant = api.newTenant(new io.hookline.domain.tenant.Tenant.RateLimit(100_000, 10, 10), 3);
            String webhookId = webhook(api, tenant, receiver.url("/once"), Map.of());
            publish(api, tenant);
            Awaitility.await()
                    .atMost(DEADLINE)
                    .until(() -> !deliveries(api, tenant, webhookId).isEmpty());
            String id = deliveries(api, tenant, webhookId).get(0).get("id").asString();

            Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            for (int i = 0; i < 4; i++) {
                clients.execute(() -> {
                    while (System.nanoTime() < until) {
                        int status = api.post("/v1/deliveries/" + id + "/resend", Map.of(), tenant)
                                .status();
                        answers.computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                    }
                });
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();

            assertThat(answers.keySet()).containsOnly(202, 409);
            assertThat(answers.get(202).get()).isGreaterThan(1);
            assertThat(mostAtOnce.get()).as("concurrent sends of one delivery").isEqualTo(1);
        }
    }

    @Test
    void aDisabledWebhookFloodedWithTestCallsLeavesNothingQueuedAndAnotherTenantIsStillServed() {
        TestDatabase.Connection database = TestDatabase.freshDatabase();
        try (Receiver failing = new Receiver().byDefault(request -> Reply.status(500));
                Receiver healthy = new Receiver();
                RunningApp node = node(database, Map.of())) {
            ApiClient api = node.client();
            TestTenant flooder = api.newTenant();
            TestTenant other = api.newTenant();
            String disabled = webhook(api, flooder, failing.url("/disabled"), Map.of());
            assertThat(api.patch("/v1/webhooks/" + disabled, Map.of("enabled", false), flooder)
                            .status())
                    .isEqualTo(200);
            for (int i = 0; i < 150; i++) {
                assertThat(api.post("/v1/webhooks/" + disabled + "/test", Map.of(), flooder)
                                .json()
                                .get("succeeded")
                                .asBoolean())
                        .isFalse();
            }
            webhook(api, other, healthy.url("/healthy"), Map.of());

            long started = System.nanoTime();
            publish(api, other);
            healthy.awaitRequests(1, Duration.ofSeconds(5));
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertThat(millis).isLessThan(2_000);
            JsonNode tests = deliveries(api, flooder, disabled);
            assertThat(tests).hasSize(100);
            tests.forEach(delivery -> {
                assertThat(delivery.get("status").asString()).isEqualTo("failed");
                assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
            });
            assertThat(failing.received()).hasSize(150);
        }
    }

    @Test
    void aGracefulShutdownWithRequestsInFlightRecordsNoFailureAndAnotherNodeFinishesTheBacklog() {
        TestDatabase.Connection database = TestDatabase.freshDatabase();
        String key = Path.of("target", "shutdown-key-" + System.nanoTime() + ".json")
                .toAbsolutePath()
                .toString();
        // Each request takes 4 s, longer than the 2 s lease the stopping node waits for, so the
        // shutdown must cut requests short: they go back to the queue, not into the failure count.
        Map<String, String> settings = Map.of("hookline.dev.key-file", key, "hookline.delivery.lease", "2s");
        try (Receiver receiver =
                new Receiver().byDefault(request -> Reply.status(200).after(Duration.ofSeconds(4)))) {
            String webhookId;
            TestTenant tenant;
            List<String> published = new java.util.ArrayList<>();
            RunningApp first = node(database, settings);
            ApiClient api = first.client();
            try {
                tenant = api.newTenant();
                webhookId = webhook(api, tenant, receiver.url("/slow"), Map.of("timeoutSeconds", 10));
                for (int i = 0; i < 20; i++) {
                    published.add(publish(api, tenant));
                }
                receiver.awaitRequests(4, DEADLINE);
            } finally {
                first.close();
            }

            // what the stopped node left behind, read before any other worker can touch it
            Map<String, Long> statuses = countBy(database, "select status, count(*) from delivery group by status");
            assertThat(statuses.keySet()).isSubsetOf("pending", "succeeded");
            assertThat(statuses.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(20);
            assertThat(countBy(database, "select 'with error', count(*) from delivery_attempt where error is not null"))
                    .containsEntry("with error", 0L);
            assertThat(countBy(database, "select 'streak', consecutive_failures::bigint from webhook"))
                    .containsEntry("streak", 0L);

            receiver.byDefault(request -> Reply.status(200));
            try (RunningApp second = node(database, Map.of("hookline.dev.key-file", key))) {
                ApiClient after = second.client();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> deliveries(after, tenant, webhookId)
                                .valueStream()
                                .allMatch(row -> row.get("status").asString().equals("succeeded")));
                JsonNode logged = deliveries(after, tenant, webhookId);
                for (JsonNode row : logged) {
                    JsonNode attempts = after.get(
                                    "/v1/deliveries/" + row.get("id").asString(), tenant)
                            .json()
                            .get("attempts");
                    attempts.forEach(attempt -> assertThat(attempt.get("error").isNull())
                            .as("attempt %s of %s", attempt.get("number"), row.get("id"))
                            .isTrue());
                }
                java.util.Set<String> received = new java.util.HashSet<>();
                receiver.received().forEach(request -> received.add(request.header("webhook-id")));
                assertThat(received).containsExactlyInAnyOrderElementsOf(published);
            }
        }
    }
}
