package io.hookline.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.tenant.Tenant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST /v1/events/batch: each event published as POST /v1/events would, one result per event. */
class EventBatchPublishingTests {

    private static final String PATH = "/v1/events/batch";

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private JsonNode orderData(TestTenant tenant) {
        return api.sample(tenant, "order.placed");
    }

    private static Map<String, Object> event(String type, Object data, @Nullable String key) {
        Map<String, Object> event = new HashMap<>();
        event.put("type", type);
        event.put("data", data);
        if (key != null) {
            event.put("idempotencyKey", key);
        }
        return event;
    }

    private Response batch(TestTenant tenant, List<?> events) {
        return api.post(PATH, Map.of("events", events), tenant);
    }

    /** A problem as a batch result carries it: instance is the batch, fields are named in the batch. */
    private static JsonNode problem(
            Response response, String slug, String title, String detail, String field, String message) {
        ObjectNode expected = ApiClient.JSON.createObjectNode();
        expected.put("type", "https://hookline.dev/problems/" + slug);
        expected.put("title", title);
        expected.put("status", 422);
        expected.put("detail", detail);
        expected.put("instance", PATH);
        expected.put("requestId", response.header("X-Request-Id"));
        ObjectNode error = expected.putArray("errors").addObject();
        error.put("field", field);
        error.put("message", message);
        return expected;
    }

    /**
     * A batch reads the subscribed webhooks once per event type: each event still goes to the
     * webhooks of its own type, with their sites and filters, as a single publish would send it.
     */
    @Test
    void eachEventOfABatchGoesToTheWebhooksOfItsOwnType() {
        TestTenant tenant = api.newTenant();
        JsonNode order = orderData(tenant);
        JsonNode customer = api.sample(tenant, "customer.created");
        String orders = api.createWebhook(tenant, ApiClient.webhookBody("orders", "https://erp.example.com/orders"))
                .get("id")
                .asString();
        String customers = api.createWebhook(
                        tenant,
                        ApiClient.webhookBody("customers", "https://crm.example.com/customers", "customer.created"))
                .get("id")
                .asString();
        String both = api.createWebhook(
                        tenant,
                        ApiClient.webhookBody("both", "https://bi.example.com/all", "order.placed", "customer.created"))
                .get("id")
                .asString();

        Response response = batch(
                tenant,
                List.of(
                        event("order.placed", order, null),
                        event("customer.created", customer, null),
                        event("order.placed", order, null),
                        event("customer.created", customer, null),
                        event("customer.created", customer, null)));

        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("results").forEach(r -> ids.add(r.get("id").asString()));
        assertThat(eventIds(tenant, orders)).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        assertThat(eventIds(tenant, customers)).containsExactlyInAnyOrder(ids.get(1), ids.get(3), ids.get(4));
        assertThat(eventIds(tenant, both)).containsExactlyInAnyOrderElementsOf(ids);
    }

    private List<String> eventIds(TestTenant tenant, String webhookId) {
        List<String> ids = new ArrayList<>();
        api.deliveries(tenant, webhookId).forEach(d -> ids.add(d.get("eventId").asString()));
        return ids;
    }

    @Test
    void everyEventOfAWellFormedBatchIsPublishedWithItsOwnIdInOrder() {
        TestTenant tenant = api.newTenant();
        JsonNode data = orderData(tenant);
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(event("order.placed", data, null));
        }

        Response response = batch(tenant, events);

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        assertThat(results).hasSize(100);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("index").asInt()).isEqualTo(i);
            assertThat(result.get("status").asInt()).isEqualTo(202);
            assertThat(result.get("problem").isNull()).isTrue();
            ids.add(result.get("id").asString());
        }
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("evt_[0-9A-HJKMNP-TV-Z]{26}"));
        assertThat(api.events(tenant, "order.placed"))
                .extracting(e -> e.get("id").asString())
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void anInvalidEventIsRefusedInItsResultWhileTheOthersArePublished() {
        TestTenant tenant = api.newTenant();
        JsonNode data = orderData(tenant);
        ObjectNode invalid = (ObjectNode) data.deepCopy();
        invalid.remove("customerId");

        Response response = batch(
                tenant,
                List.of(
                        event("order.placed", data, "a"),
                        event("order.placed", invalid, "b"),
                        event("webhook.disabled", Map.of(), null),
                        event("order.placed", data, null),
                        // without a key: published outside any savepoint, refused before it writes
                        event("order.placed", invalid, null)));

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
        assertThat(results.get(3).get("status").asInt()).isEqualTo(202);
        assertThat(results.get(4).get("status").asInt()).isEqualTo(422);
        assertThat(results.get(4).get("problem").get("errors"))
                .allMatch(e -> e.get("field").asString().equals("events[4].data"));

        JsonNode refusedData = results.get(1);
        assertThat(refusedData.get("index").asInt()).isEqualTo(1);
        assertThat(refusedData.get("status").asInt()).isEqualTo(422);
        assertThat(refusedData.get("id").isNull()).isTrue();
        JsonNode dataProblem = refusedData.get("problem");
        assertThat(dataProblem.get("type").asString()).isEqualTo("https://hookline.dev/problems/validation-failed");
        assertThat(dataProblem.get("status").asInt()).isEqualTo(422);
        assertThat(dataProblem.get("errors"))
                .allMatch(e -> e.get("field").asString().equals("events[1].data"));
        assertThat(dataProblem.get("errors").get(0).get("message").asString()).contains("customerId");

        String reserved =
                "'webhook.disabled' is reserved: webhook.* and delivery.* events are sent by Hookline itself and cannot be published";
        assertThat(results.get(2))
                .isEqualTo(ApiClient.JSON
                        .createObjectNode()
                        .put("index", 2)
                        .put("status", 422)
                        .putNull("id")
                        .set(
                                "problem",
                                problem(
                                        response,
                                        "reserved-event-type",
                                        "Event type reserved for Hookline",
                                        reserved,
                                        "events[2].type",
                                        reserved)));

        assertThat(api.events(tenant, null))
                .extracting(e -> e.get("id").asString())
                .containsExactlyInAnyOrder(
                        results.get(0).get("id").asString(),
                        results.get(3).get("id").asString());
        // the refused event's key was not spent: it publishes once its data is right
        Response retried = batch(tenant, List.of(event("order.placed", data, "b")));
        assertThat(retried.json().get("results").get(0).get("status").asInt()).isEqualTo(202);
    }

    @Test
    void aKeyUsedTwiceInOneBatchActsAsTwoCallsInARow() {
        TestTenant tenant = api.newTenant();
        JsonNode data = orderData(tenant);
        ObjectNode other = (ObjectNode) data.deepCopy();
        other.put("orderNumber", "SO-999999");

        Response response = batch(
                tenant,
                List.of(
                        event("order.placed", data, "k1"),
                        event("order.placed", data, "k1"),
                        event("order.placed", other, "k1")));

        JsonNode results = response.json().get("results");
        assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
        assertThat(results.get(1).get("status").asInt()).isEqualTo(200);
        assertThat(results.get(1).get("id").asString())
                .isEqualTo(results.get(0).get("id").asString());
        String detail = "this Idempotency-Key was used in the last 24 h for a different request (type, siteId or"
                + " data); send a new key for a new event";
        assertThat(results.get(2).get("status").asInt()).isEqualTo(422);
        assertThat(results.get(2).get("problem"))
                .isEqualTo(problem(
                        response,
                        "idempotency-key-reused",
                        "Idempotency key already used for a different request",
                        detail,
                        "events[2].idempotencyKey",
                        detail));
        assertThat(api.events(tenant, null)).hasSize(1);

        // the key is the same key as the single publish's header
        Response single = api.send(
                "POST",
                "/v1/events",
                Map.of("type", "order.placed", "data", data),
                tenant.token(),
                tenant.id(),
                Map.of("Idempotency-Key", "k1"));
        assertThat(single.status()).isEqualTo(200);
        assertThat(single.json().get("id").asString())
                .isEqualTo(results.get(0).get("id").asString());
    }

    @Test
    void aBatchOfMoreThanAHundredOrNoEventsIsRefusedWholeAndStoresNothing() {
        TestTenant tenant = api.newTenant();
        JsonNode data = orderData(tenant);
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(event("order.placed", data, null));
        }

        for (List<Object> events : List.of(tooMany, List.of())) {
            Response refused = batch(tenant, events);

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            ObjectNode expected = ApiClient.JSON.createObjectNode();
            expected.put("type", "https://hookline.dev/problems/validation-failed");
            expected.put("title", "The request has invalid values");
            expected.put("status", 422);
            expected.put("detail", "events must hold 1 to 100 events");
            expected.put("instance", PATH);
            expected.put("requestId", refused.header("X-Request-Id"));
            ObjectNode error = expected.putArray("errors").addObject();
            error.put("field", "events");
            error.put("message", "must hold 1 to 100 events");
            assertThat(refused.json()).isEqualTo(expected);
        }
        assertThat(api.events(tenant, null)).isEmpty();
    }

    @Test
    void malformedEventsAreRefusedInTheirResultsWithTheirFieldNames() {
        TestTenant tenant = api.newTenant();
        JsonNode data = orderData(tenant);
        Map<String, Object> badSite = event("order.placed", data, "x".repeat(256));
        badSite.put("siteId", "nope");
        List<@Nullable Object> events = new ArrayList<>();
        events.add(badSite);
        events.add(null);
        events.add(event("order.placed", data, null));

        Response response = batch(tenant, events);

        JsonNode results = response.json().get("results");
        assertThat(results.get(0).get("status").asInt()).isEqualTo(422);
        assertThat(results.get(0).get("problem").get("errors"))
                .extracting(
                        e -> e.get("field").asString() + " " + e.get("message").asString())
                .containsExactly(
                        "events[0].idempotencyKey must be 1 to 255 characters",
                        "events[0].siteId must be a site id (site_…)");
        assertThat(results.get(1)
                        .get("problem")
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("events[1]");
        assertThat(results.get(2).get("status").asInt()).isEqualTo(202);
        assertThat(api.events(tenant, null)).hasSize(1);
    }

    @Test
    void theIdempotencyKeyHeaderIsRefusedOnABatchSoNoOneBelievesItProtectsTheCall() {
        TestTenant tenant = api.newTenant();
        Response refused = api.send(
                "POST",
                PATH,
                Map.of("events", List.of(event("order.placed", orderData(tenant), null))),
                tenant.token(),
                tenant.id(),
                Map.of("Idempotency-Key", "whole-batch"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(api.events(tenant, null)).isEmpty();
    }

    @Test
    void aBatchCountsOnceAgainstTheRateLimit() {
        TestTenant tenant = api.newTenant(new Tenant.RateLimit(2, 60, 60), 3);
        JsonNode data = api.sample(api.newTenant(), "order.placed");
        List<Object> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(event("order.placed", data, null));
        }

        Response first = batch(tenant, hundred);
        Response second = batch(tenant, hundred);
        Response third = batch(tenant, hundred);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit")).startsWith("\"default\";r=1;");
        assertThat(second.status()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(429);
    }

    @Test
    void publishingNeedsTheEventsWriteScope() {
        TestTenant tenant = api.newTenant();
        String readOnly = api.token(List.of(tenant.id()), List.of("events:read"));
        Response refused = api.post(
                PATH, Map.of("events", List.of(event("order.placed", orderData(tenant), null))), readOnly, tenant.id());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/insufficient-scope");
    }
}
