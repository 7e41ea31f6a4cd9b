package io.hookline.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver;
import io.hookline.api.support.Receiver.Reply;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the portal asks of the API beyond the basics: recover's dry run, a test of any event
 * type, the latest HTTP status of each delivery (shown and searched), and the tenant's cap on
 * the webhook list.
 */
class PortalFacingApiTests {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private final RunningApp app = RunningApp.sharedWithDelivery();
    private final ApiClient api = app.client();
    private final Receiver receiver = new Receiver();

    @AfterEach
    void close() {
        receiver.close();
    }

    private String webhook(TestTenant tenant, String... events) {
        Map<String, Object> spec = Map.of(
                "name",
                "Hook",
                "url",
                receiver.url("/hook"),
                "events",
                events.length == 0 ? List.of("order.placed") : List.of(events),
                "retry",
                Map.of("enabled", false));
        Response created = api.post("/v1/webhooks", spec, tenant);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private void publishOrder(TestTenant tenant) {
        JsonNode data =
                api.get("/v1/event-types/order.placed/sample", tenant).json().get("data");
        assertThat(api.post("/v1/events", Map.of("type", "order.placed", "data", data), tenant)
                        .status())
                .isEqualTo(202);
    }

    private void awaitFinal(TestTenant tenant, String webhookId, int count) {
        Awaitility.await().atMost(DEADLINE).until(() -> {
            JsonNode data = api.deliveries(tenant, webhookId);
            if (data.size() < count) {
                return false;
            }
            for (JsonNode d : data) {
                if (!d.get("status").asString().equals("succeeded")
                        && !d.get("status").asString().equals("failed")) {
                    return false;
                }
            }
            return true;
        });
    }

    private static ObjectNode invalid(Response response, String instance, String field, String message) {
        ObjectNode expected = ApiClient.JSON.createObjectNode();
        expected.put("type", "https://hookline.dev/problems/validation-failed");
        expected.put("title", "The request has invalid values");
        expected.put("status", 422);
        expected.put("detail", field + " " + message);
        expected.put("instance", instance);
        expected.put("requestId", response.header("X-Request-Id"));
        ObjectNode error = expected.withArray("errors").addObject();
        error.put("field", field);
        error.put("message", message);
        return expected;
    }

    @Test
    void recoversDryRunCountsWhatWouldBeQueuedAndChangesNothing() {
        TestTenant tenant = api.newTenant();
        receiver.byDefault(request -> Reply.status(500));
        String id = webhook(tenant);
        publishOrder(tenant);
        publishOrder(tenant);
        awaitFinal(tenant, id, 2);
        String since = Instant.now().minusSeconds(600).toString();

        Response dryRun = api.post("/v1/webhooks/" + id + "/recover", Map.of("since", since, "dryRun", true), tenant);

        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.json().toString()).isEqualTo("{\"recovered\":2,\"dryRun\":true}");
        assertThat(api.deliveries(tenant, id))
                .allSatisfy(d -> assertThat(d.get("status").asString()).isEqualTo("failed"));
        assertThat(receiver.received()).hasSize(2);
        assertThat(api.post(
                                "/v1/webhooks/" + id + "/recover",
                                Map.of("since", Instant.now().plusSeconds(60).toString(), "dryRun", true),
                                tenant)
                        .json()
                        .get("recovered")
                        .asInt())
                .as("nothing failed since a later time")
                .isZero();

        receiver.byDefault(request -> Reply.status(200));
        Response recovered = api.post("/v1/webhooks/" + id + "/recover", Map.of("since", since), tenant);

        assertThat(recovered.status()).isEqualTo(202);
        assertThat(recovered.json().toString()).isEqualTo("{\"recovered\":2,\"dryRun\":false}");
        receiver.awaitRequests(4, DEADLINE);
    }

    @Test
    void anotherTenantsWebhookCannotBeCountedForRecovery() {
        TestTenant owner = api.newTenant();
        TestTenant other = api.newTenant();
        String id = webhook(owner);

        Response foreign = api.post(
                "/v1/webhooks/" + id + "/recover",
                Map.of("since", Instant.now().minusSeconds(60).toString(), "dryRun", true),
                other);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/not-found");
    }

    @Test
    void aTestSendsASampleOfAnyCatalogTypeMarkedAsATest() {
        TestTenant tenant = api.newTenant();
        receiver.byDefault(request -> Reply.status(200));
        String id = webhook(tenant, "order.placed");
        JsonNode sample = api.get("/v1/event-types/customer.created/sample", tenant)
                .json()
                .get("data");

        Response tested = api.post("/v1/webhooks/" + id + "/test", Map.of("eventType", "customer.created"), tenant);
        Response ping = api.post("/v1/webhooks/" + id + "/test", null, tenant);

        assertThat(tested.status()).as(tested.raw()).isEqualTo(200);
        assertThat(tested.json().get("succeeded").asBoolean()).isTrue();
        assertThat(ping.json().get("succeeded").asBoolean()).isTrue();
        List<Receiver.Request> requests = receiver.awaitRequests(2, DEADLINE);
        Receiver.Request typed = requests.getFirst();
        assertThat(typed.header("x-event-type")).isEqualTo("customer.created");
        JsonNode body = ApiClient.JSON.readTree(typed.body());
        assertThat(body.get("type").asString()).isEqualTo("customer.created");
        assertThat(body.get("test").asBoolean()).isTrue();
        assertThat(body.get("data")).isEqualTo(sample);
        JsonNode pinged = ApiClient.JSON.readTree(requests.get(1).body());
        assertThat(pinged.get("type").asString()).isEqualTo("webhook.test");
        assertThat(pinged.get("test").asBoolean()).isTrue();
        assertThat(api.deliveries(tenant, id).get(1).get("eventType").asString())
                .isEqualTo("customer.created");
    }

    @Test
    void aTestOfATypeOutsideTheCatalogIsRefusedAndSendsNothing() {
        TestTenant tenant = api.newTenant();
        String id = webhook(tenant);

        Response refused = api.post("/v1/webhooks/" + id + "/test", Map.of("eventType", "order.placd"), tenant);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json())
                .isEqualTo(invalid(
                        refused,
                        "/v1/webhooks/" + id + "/test",
                        "eventType",
                        "'order.placd' is not in the event catalog (GET /v1/event-types)"));
        assertThat(receiver.received()).isEmpty();
        assertThat(api.deliveries(tenant, id)).isEmpty();
    }

    @Test
    void eachDeliveryCarriesItsLatestHttpStatusAndTheLogIsSearchedByIt() {
        TestTenant tenant = api.newTenant();
        receiver.then(Reply.status(200), Reply.status(503));
        String id = webhook(tenant);
        publishOrder(tenant);
        awaitFinal(tenant, id, 1);
        publishOrder(tenant);
        awaitFinal(tenant, id, 2);

        JsonNode all = api.deliveries(tenant, id);
        assertThat(all.get(0).get("lastResponseStatus").asInt()).isEqualTo(503);
        assertThat(all.get(1).get("lastResponseStatus").asInt()).isEqualTo(200);
        JsonNode failed = api.get("/v1/deliveries?webhookId=" + id + "&responseStatus=503", tenant)
                .json()
                .get("data");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("id").asString())
                .isEqualTo(all.get(0).get("id").asString());
        assertThat(api.get("/v1/deliveries?webhookId=" + id + "&responseStatus=404", tenant)
                        .json()
                        .get("data"))
                .isEmpty();
        assertThat(api.get("/v1/deliveries/" + all.get(0).get("id").asString(), tenant)
                        .json()
                        .get("lastResponseStatus")
                        .asInt())
                .isEqualTo(503);

        Response outOfRange = api.get("/v1/deliveries?responseStatus=99", tenant);
        assertThat(outOfRange.json())
                .isEqualTo(invalid(
                        outOfRange, "/v1/deliveries", "responseStatus", "must be an HTTP status code, 100 to 599"));
    }

    @Test
    void theStatusSearchGoesByTheLatestAttemptNotByAnEarlierOne() {
        TestTenant tenant = api.newTenant();
        receiver.then(Reply.status(503), Reply.status(200));
        Response created = api.post(
                "/v1/webhooks",
                Map.of("name", "Retrying", "url", receiver.url("/retrying"), "events", List.of("order.placed")),
                tenant);
        String id = created.json().get("id").asString();
        publishOrder(tenant);
        awaitFinal(tenant, id, 1);

        String delivery = api.deliveries(tenant, id).get(0).get("id").asString();
        assertThat(api.get("/v1/deliveries/" + delivery, tenant).json().get("attempts"))
                .hasSize(2);
        assertThat(api.get("/v1/deliveries?webhookId=" + id + "&responseStatus=503", tenant)
                        .json()
                        .get("data"))
                .isEmpty();
        assertThat(api.get("/v1/deliveries?webhookId=" + id + "&responseStatus=200", tenant)
                        .json()
                        .get("data"))
                .hasSize(1);
        Response tooHigh = api.get("/v1/deliveries?responseStatus=600", tenant);
        assertThat(tooHigh.json())
                .isEqualTo(invalid(
                        tooHigh, "/v1/deliveries", "responseStatus", "must be an HTTP status code, 100 to 599"));
    }

    @Test
    void theWebhookListSaysHowManyWebhooksTheTenantMayHave() {
        TestTenant standard = api.newTenant();
        TestTenant larger = api.newTenant(new Tenant.RateLimit(1000, 10, 10), 5);

        assertThat(api.get("/v1/webhooks", standard).json().get("webhookLimit").asInt())
                .isEqualTo(3);
        assertThat(api.get("/v1/webhooks", larger).json().get("webhookLimit").asInt())
                .isEqualTo(5);
    }
}
