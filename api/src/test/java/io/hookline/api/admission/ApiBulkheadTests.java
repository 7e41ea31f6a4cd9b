package io.hookline.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

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
}
