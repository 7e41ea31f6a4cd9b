package io.hookline.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import io.hookline.delivery.worker.DeliveryWorker;
import io.hookline.domain.delivery.Claim;
import io.hookline.domain.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Drives the delivery queue one step at a time through {@link DeliveryWorker#claimOnce()} on a
 * node whose worker loop is off: each step claims, sends to a real receiver and settles before
 * it returns, so the test reads the outcome without waiting for anything. The node has a
 * database of its own, so no other test's deliveries are in its queue.
 */
class DeliveryStepTests {

    private static RunningApp node;
    private static ApiClient api;
    private static DeliveryWorker worker;

    private final Receiver receiver = new Receiver();

    @BeforeAll
    static void start() {
        Map<String, String> settings = new LinkedHashMap<>();
        TestDatabase.freshDatabase()
                .springProperties()
                .forEach((key, value) -> settings.put(key, String.valueOf(value)));
        settings.put("hookline.delivery.enabled", "false");
        // a failed attempt is due again at once, so the next step retries it
        settings.put("hookline.delivery.retry-schedule", "0s,0s,0s");
        node = RunningApp.startWithDelivery(settings);
        api = node.client();
        worker = node.bean(DeliveryWorker.class);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void eachStepClaimsAttemptsAndSettlesWhatIsDueAndNothingMore() {
        TestTenant tenant = api.newTenant();
        receiver.then(Reply.status(500), Reply.status(200));
        String webhookId = webhook(tenant, "/steps");
        assertThat(worker.claimOnce()).as("nothing published yet").isEmpty();

        String eventId = publish(tenant);

        List<Claim> first = worker.claimOnce();
        assertThat(first).singleElement().satisfies(claim -> {
            assertThat(claim.eventId()).isEqualTo(eventId);
            assertThat(claim.webhookId()).isEqualTo(webhookId);
            assertThat(claim.attempt()).isEqualTo(1);
            assertThat(claim.url()).isEqualTo(receiver.url("/steps"));
        });
        assertThat(receiver.received()).hasSize(1);
        String deliveryId = first.getFirst().deliveryId();
        JsonNode afterFailure = delivery(tenant, deliveryId);
        assertThat(afterFailure.get("status").asString()).isEqualTo("pending");
        assertThat(afterFailure.get("attemptCount").asInt()).isEqualTo(1);
        assertThat(afterFailure.get("attempts").get(0).get("responseStatus").asInt())
                .isEqualTo(500);

        List<Claim> second = worker.claimOnce();
        assertThat(second).singleElement().satisfies(claim -> {
            assertThat(claim.deliveryId()).isEqualTo(deliveryId);
            assertThat(claim.attempt()).isEqualTo(2);
            assertThat(claim.leaseToken()).isEqualTo(first.getFirst().leaseToken() + 1);
        });
        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).header("x-delivery-attempt")).isEqualTo("2");
        JsonNode delivered = delivery(tenant, deliveryId);
        assertThat(delivered.get("status").asString()).isEqualTo("succeeded");
        assertThat(delivered.get("attempts")).hasSize(2);
        assertThat(delivered.get("attempts").get(1).get("responseStatus").asInt())
                .isEqualTo(200);

        assertThat(worker.claimOnce())
                .as("a succeeded delivery is not claimed again")
                .isEmpty();
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void aStepLeavesTheDeliveriesOfADisabledWebhookParkedUntilItIsEnabledAgain() {
        TestTenant tenant = api.newTenant();
        String webhookId = webhook(tenant, "/parked");
        String eventId = publish(tenant);
        assertThat(enabled(tenant, webhookId, false).status()).isEqualTo(200);

        assertThat(worker.claimOnce()).isEmpty();
        assertThat(receiver.received()).isEmpty();
        JsonNode parked = api.get("/v1/webhooks/" + webhookId + "/deliveries", tenant)
                .json()
                .get("data");
        assertThat(parked).singleElement().satisfies(d -> {
            assertThat(d.get("status").asString()).isEqualTo("pending");
            assertThat(d.hasNonNull("nextAttemptAt")).as("parked").isFalse();
        });

        assertThat(enabled(tenant, webhookId, true).status()).isEqualTo(200);
        assertThat(worker.claimOnce())
                .singleElement()
                .satisfies(claim -> assertThat(claim.eventId()).isEqualTo(eventId));
        assertThat(receiver.received()).hasSize(1);
    }

    private Response enabled(TestTenant tenant, String webhookId, boolean enabled) {
        Response response = api.send(
                "PATCH",
                "/v1/webhooks/" + webhookId,
                Map.of("enabled", enabled),
                tenant.token(),
                tenant.id(),
                Map.of());
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response;
    }

    private String webhook(TestTenant tenant, String path) {
        return api.createWebhook(tenant, ApiClient.webhookBody("steps", receiver.url(path)))
                .get("id")
                .asString();
    }

    private String publish(TestTenant tenant) {
        return api.publishSample(tenant, "order.placed");
    }

    private JsonNode delivery(TestTenant tenant, String id) {
        Response response = api.get("/v1/deliveries/" + id, tenant);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }
}
