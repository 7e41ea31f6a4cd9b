package io.hookline.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The API's admission limit, with a request really held open by a slow receiver. */
class ApiBulkheadTests {

    @Test
    void aRequestOverTheConcurrencyLimitWaitsItsTurnThenGets503WithRetryAfter() throws Exception {
        try (Receiver slow =
                        new Receiver().byDefault(request -> Reply.status(200).after(Duration.ofSeconds(2)));
                RunningApp node = RunningApp.startWithDelivery(
                        Map.of("hookline.api.max-concurrent-requests", "1", "hookline.api.queue-timeout", "300ms"))) {
            ApiClient api = node.client();
            TestTenant tenant = api.newTenant();
            String webhookId = api.webhook(tenant, slow.url("/slow"), Map.of());

            CompletableFuture<Response> holding = CompletableFuture.supplyAsync(
                    () -> api.post("/v1/webhooks/" + webhookId + "/test", Map.of(), tenant));
            slow.awaitRequests(1, Duration.ofSeconds(10));
            Response refused = api.get("/v1/webhooks", tenant);
            Response actuator = api.get("/actuator/health", null, null);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.json().get("type").asString()).endsWith("/problems/service-unavailable");
            assertThat(refused.json().get("detail").asString())
                    .isEqualTo("the node is at capacity; retry after a second");
            assertThat(actuator.status()).as("the actuator is not counted").isEqualTo(200);
            assertThat(holding.get().status()).isEqualTo(200);
            assertThat(api.get("/v1/webhooks", tenant).status())
                    .as("the turn came back")
                    .isEqualTo(200);
        }
    }

    /**
     * A batch is held open for real: its event's idempotency key is locked by another database
     * session, so the batch waits inside its transaction while it has its turn.
     */
    @Test
    void aBatchOverTheBatchLimitGets503WhileSingleEventsAreStillAdmitted() throws Exception {
        try (RunningApp node = RunningApp.start(
                Map.of("hookline.api.max-concurrent-batches", "1", "hookline.api.queue-timeout", "300ms"))) {
            ApiClient api = node.client();
            TestTenant tenant = api.newTenant();
            JsonNode data = api.sample(tenant, "order.placed");
            DataSource database = node.bean(DataSource.class);
            try (Connection holder = database.getConnection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock =
                        holder.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                    lock.setString(1, tenant.id() + "\u001f" + "held-key");
                    lock.execute();
                }
                CompletableFuture<Response> holding = CompletableFuture.supplyAsync(() -> api.post(
                        "/v1/events/batch",
                        Map.of(
                                "events",
                                List.of(Map.of("type", "order.placed", "data", data, "idempotencyKey", "held-key"))),
                        tenant));
                awaitWaitingOnAdvisoryLock(database);

                Response refused = api.post(
                        "/v1/events/batch",
                        Map.of("events", List.of(Map.of("type", "order.placed", "data", data))),
                        tenant);
                Response single = api.post("/v1/events", Map.of("type", "order.placed", "data", data), tenant);

                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isEqualTo("1");
                assertThat(refused.json().get("type").asString()).endsWith("/problems/service-unavailable");
                assertThat(single.status())
                        .as("single events are not held up by batches")
                        .isEqualTo(202);
                assertThat(holding).isNotDone();

                holder.commit();
                Response held = holding.get();
                assertThat(held.status()).isEqualTo(200);
                assertThat(held.json().get("results").get(0).get("status").asInt())
                        .isEqualTo(202);
            }
            Response after = api.post(
                    "/v1/events/batch",
                    Map.of("events", List.of(Map.of("type", "order.placed", "data", data))),
                    tenant);
            assertThat(after.status()).as("the batch turn came back").isEqualTo(200);
            assertThat(api.events(tenant, "order.placed"))
                    .as("the refused batch left nothing behind")
                    .hasSize(3);
        }
    }

    private static void awaitWaitingOnAdvisoryLock(DataSource database) {
        Awaitility.await("the batch waits on the held idempotency key")
                .atMost(Duration.ofSeconds(10))
                .until(() -> {
                    try (Connection watcher = database.getConnection();
                            PreparedStatement waiting = watcher.prepareStatement(
                                    "select count(*) from pg_locks where locktype = 'advisory' and not granted");
                            ResultSet rows = waiting.executeQuery()) {
                        rows.next();
                        return rows.getLong(1) > 0;
                    }
                });
    }
}
