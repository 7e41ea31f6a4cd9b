package io.hookline.api.fault;

import static io.hookline.api.fault.DeliveryFaultTests.deliveries;
import static io.hookline.api.fault.DeliveryFaultTests.node;
import static io.hookline.api.fault.DeliveryFaultTests.publish;
import static io.hookline.api.fault.DeliveryFaultTests.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import io.hookline.delivery.worker.Retention;
import io.hookline.domain.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The environment misbehaving: the database restarted under a backlog, a tenant flooding the
 * platform while another's latency is measured, and the log growing past its retention.
 */
class EnvironmentFaultTests {

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(
                        data.resolveSibling(data.getFileName() + "-bin").toFile())
                .setPort(port)
                .setServerConfig("max_connections", "100")
                .start();
    }

    @Test
    void theDatabaseRestartedMidBacklogLosesNoEventAndRepeatsOnlyWhatWasInFlight() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restarted-pg")
                .resolve("data");
        Files.createDirectories(data.resolveSibling("data-bin"));
        int port = freePort();
        EmbeddedPostgres database = postgres(data, port);
        java.util.concurrent.CountDownLatch published = new java.util.concurrent.CountDownLatch(1);
        try (Receiver receiver = new Receiver().byDefault(request -> {
                    // requests wait for the whole backlog to be published, so it is still there to restart under
                    awaitQuietly(published);
                    return Reply.status(200).after(Duration.ofMillis(100));
                });
                RunningApp node = RunningApp.startWithDelivery(Map.of(
                        "spring.datasource.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                        "spring.datasource.username", "postgres",
                        "spring.datasource.password", "",
                        "spring.datasource.hikari.connection-timeout", "2000",
                        "hookline.delivery.per-webhook-in-flight", "8",
                        "hookline.delivery.lease", "5s"))) {
            ApiClient api = node.client();
            TestTenant tenant = api.newTenant();
            webhook(api, tenant, receiver.url("/restart"), Map.of());
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                events.add(publish(api, tenant));
            }
            published.countDown();
            receiver.awaitRequests(30, Duration.ofSeconds(30));

            database.close();
            int beforeRestart = receiver.received().size();
            database = postgres(data, port);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> eventIds(receiver).size() == events.size());
            assertThat(eventIds(receiver)).containsExactlyInAnyOrderElementsOf(events);
            int duplicates = receiver.received().size() - events.size();
            System.out.printf(
                    "database restart: %d of %d received before the restart, all %d after it, %d duplicates%n",
                    beforeRestart, events.size(), events.size(), duplicates);
            // only what was in flight when the database went away can be sent twice: at most
            // the per-webhook in-flight cap (set to 8 here) of attempts whose results could not be written
            assertThat(duplicates).isBetween(0, 8);
        } finally {
            database.close();
        }
    }

    private static ApiClient.Response publishWithKey(
            ApiClient api, TestTenant tenant, String type, JsonNode data, String idempotencyKey) {
        return api.send(
                "POST",
                "/v1/events",
                Map.of("type", type, "data", data),
                tenant.token(),
                tenant.id(),
                Map.of("Idempotency-Key", idempotencyKey));
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<String> eventIds(Receiver receiver) {
        Set<String> ids = new HashSet<>();
        receiver.received().forEach(request -> ids.add(request.header("webhook-id")));
        return ids;
    }

    @Test
    void aTenantFloodingEventsDoesNotDelayAnotherTenantsDeliveriesBeyondABound() throws Exception {
        TestDatabase.Connection database = TestDatabase.freshDatabase();
        Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
        Map<String, Instant> receivedAt = new ConcurrentHashMap<>();
        try (Receiver noisyReceiver = new Receiver();
                Receiver quietReceiver = new Receiver().byDefault(request -> {
                    receivedAt.put(request.header("webhook-id"), Instant.now());
                    return Reply.status(200);
                });
                RunningApp node = node(database, Map.of());
                ExecutorService flood = Executors.newFixedThreadPool(8)) {
            ApiClient api = node.client();
            TestTenant noisy = api.newTenant(new io.hookline.domain.tenant.Tenant.RateLimit(100_000, 10, 10), 3);
            TestTenant quiet = api.newTenant();
            webhook(api, noisy, noisyReceiver.url("/noisy"), Map.of());
            webhook(api, quiet, quietReceiver.url("/quiet"), Map.of());

            long floodUntil = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            for (int i = 0; i < 8; i++) {
                flood.execute(() -> {
                    while (System.nanoTime() < floodUntil) {
                        publish(api, noisy);
                    }
                });
            }
            for (int i = 0; i < 30; i++) {
                Instant before = Instant.now();
                String id = publish(api, quiet);
                publishedAt.put(id, before);
                // one quiet event about every 200 ms: pacing, not synchronisation
                java.util.concurrent.locks.LockSupport.parkNanos(
                        Duration.ofMillis(200).toNanos());
            }
            flood.shutdown();
            assertThat(flood.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receivedAt.size() == 30);

            List<Long> latencies = new ArrayList<>();
            publishedAt.forEach((id, at) ->
                    latencies.add(Duration.between(at, receivedAt.get(id)).toMillis()));
            Collections.sort(latencies);
            int noisyDelivered = noisyReceiver.received().size();
            System.out.printf(
                    "flood: noisy tenant delivered %d events while the quiet tenant's 30 took p50 %d ms, max %d ms"
                            + " from publish to receipt%n",
                    noisyDelivered, latencies.get(15), latencies.getLast());
            assertThat(latencies.getLast())
                    .as("the quiet tenant's slowest delivery (ms)")
                    .isLessThan(1_500);
        }
    }

    @Test
    void retentionRemovesOnlyWhatIsFinalAndPastItsTimeInBoundedBatches() {
        TestDatabase.Connection database = TestDatabase.freshDatabase();
        try (Receiver ok = new Receiver();
                Receiver failing = new Receiver().byDefault(request -> Reply.status(500));
                Receiver accepting = new Receiver().byDefault(request -> Reply.status(202));
                RunningApp node = node(database, Map.of("hookline.retention.batch-size", "1"))) {
            ApiClient api = node.client();
            TestTenant tenant = api.newTenant();
            String finished = webhook(
                    api, tenant, ok.url("/final"), Map.of("events", List.of("order.placed", "customer.created")));
            // fails until the node disables it (5 failures here), which parks its delivery as pending
            String parked = webhook(
                    api, tenant, failing.url("/parked"), Map.of("retry", Map.of("enabled", true, "maxAttempts", 10)));
            String waiting = webhook(api, tenant, accepting.url("/waiting"), Map.of("asyncAcknowledgement", true));

            JsonNode order = api.get("/v1/event-types/order.placed/sample", tenant)
                    .json()
                    .get("data");
            JsonNode customer = api.get("/v1/event-types/customer.created/sample", tenant)
                    .json()
                    .get("data");
            String kept = publishWithKey(api, tenant, "order.placed", order, "k1")
                    .json()
                    .get("id")
                    .asString();
            String gone = publishWithKey(api, tenant, "customer.created", customer, "k2")
                    .json()
                    .get("id")
                    .asString();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> deliveries(api, tenant, finished)
                                    .valueStream()
                                    .allMatch(
                                            row -> row.get("status").asString().equals("succeeded"))
                            && deliveries(api, tenant, finished).size() == 2
                            && !api.get("/v1/webhooks/" + parked, tenant)
                                    .json()
                                    .get("enabled")
                                    .asBoolean()
                            && !deliveries(api, tenant, waiting).isEmpty()
                            && deliveries(api, tenant, waiting)
                                    .get(0)
                                    .get("status")
                                    .asString()
                                    .equals("waiting"));
            String finishedDelivery =
                    deliveries(api, tenant, finished).get(0).get("id").asString();
            Retention retention = node.bean(Retention.class);

            assertThat(retention.clean(Instant.now())).isEqualTo(new Retention.Removed(0, 0, 0, 0, 0, 0));
            // one statistics row per webhook and hour (this test's only, in its own database)
            int statsRows =
                    node.bean(org.jooq.DSLContext.class).fetchCount(io.hookline.domain.jooq.Tables.DELIVERY_STATS);
            assertThat(statsRows).isGreaterThanOrEqualTo(3);
            Retention.Removed removed = retention.clean(Instant.now().plus(Duration.ofDays(31)));

            // attempt logs go by their own age (2 final, 5 failed under the parked delivery, the
            // waiting delivery's 202); deliveries and events only when final
            // events: customer.created (its one delivery was final) and the webhook.failing and
            // webhook.disabled the failures emitted (nobody subscribed); order.placed stays with
            // its open deliveries; the statistics' hours all began more than 31 days before
            assertThat(removed).isEqualTo(new Retention.Removed(8, 2, 2, 3, statsRows, 0));
            assertThat(api.get("/v1/events/" + gone, tenant).status()).isEqualTo(404);
            assertThat(api.get("/v1/events/" + kept, tenant).status()).isEqualTo(200);
            assertThat(api.get("/v1/deliveries/" + finishedDelivery, tenant).status())
                    .isEqualTo(404);
            assertThat(deliveries(api, tenant, parked).get(0).get("status").asString())
                    .isEqualTo("pending");
            assertThat(deliveries(api, tenant, waiting).get(0).get("status").asString())
                    .isEqualTo("waiting");
            // the key was forgotten with its time: the same key now publishes a new event
            assertThat(publishWithKey(api, tenant, "order.placed", order, "k1").status())
                    .isEqualTo(202);

            // notifications (the auto-disable wrote one) are kept 90 days, then go with the rest
            int notices = node.bean(org.jooq.DSLContext.class).fetchCount(io.hookline.domain.jooq.Tables.NOTIFICATION);
            assertThat(notices).isPositive();
            assertThat(retention.clean(Instant.now().plus(Duration.ofDays(91))).notifications())
                    .isEqualTo(notices);
            assertThat(api.get("/v1/notifications", tenant).json().get("data")).isEmpty();
        }
    }
}
