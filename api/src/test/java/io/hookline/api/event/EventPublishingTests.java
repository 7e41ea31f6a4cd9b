package io.hookline.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a tenant may publish through POST /v1/events, and what an Idempotency-Key promises. */
class EventPublishingTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private JsonNode orderData() {
        return api.sample(api.newTenant(), "order.placed");
    }

    private Response publish(TestTenant tenant, Object body, String key) {
        return api.send("POST", "/v1/events", body, tenant.token(), tenant.id(), Map.of("Idempotency-Key", key));
    }

    /** The whole problem body, with the request id the response carries. */
    static JsonNode problem(Response response, int status, String slug, String title, String detail, String field) {
        ObjectNode expected = ApiClient.JSON.createObjectNode();
        expected.put("type", "https://hookline.dev/problems/" + slug);
        expected.put("title", title);
        expected.put("status", status);
        expected.put("detail", detail);
        expected.put("instance", "/v1/events");
        expected.put("requestId", response.header("X-Request-Id"));
        ObjectNode error = expected.putArray("errors").addObject();
        error.put("field", field);
        error.put("message", detail);
        return expected;
    }

    /** The same JSON with every object's keys in reverse order. */
    private static JsonNode reversed(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
            ObjectNode copy = ApiClient.JSON.createObjectNode();
            for (int i = entries.size() - 1; i >= 0; i--) {
                copy.set(entries.get(i).getKey(), reversed(entries.get(i).getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = ApiClient.JSON.createArrayNode();
            node.forEach(element -> copy.add(reversed(element)));
            return copy;
        }
        return node;
    }

    @Test
    void listingEventsOfATypeOutsideTheCatalogIsAProblemNotAnEmptyList() {
        TestTenant tenant = api.newTenant();
        api.publishSample(tenant, "order.placed");

        Response unknown = api.get("/v1/events?type=order.placd", tenant);
        String message = "'order.placd' is not in the event catalog (GET /v1/event-types)";
        ObjectNode expected = (ObjectNode)
                problem(unknown, 422, "validation-failed", "The request has invalid values", "type " + message, "type");
        ((ObjectNode) expected.get("errors").get(0)).put("message", message);
        assertThat(unknown.json()).isEqualTo(expected);
        assertThat(api.get("/v1/events?type=ORDER.PLACED", tenant).invalidFields())
                .containsExactly("type");
        assertThat(api.events(tenant, "order.placed")).hasSize(1);
        assertThat(api.events(tenant, "payment.received")).isEmpty();
    }

    @Test
    void platformEventTypesCannotBePublishedAndNothingIsStored() {
        TestTenant tenant = api.newTenant();
        JsonNode disabledSample = api.get("/v1/event-types/webhook.disabled/sample", tenant)
                .json()
                .get("data");
        JsonNode testSample =
                api.get("/v1/event-types/webhook.test/sample", tenant).json().get("data");
        JsonNode exhaustedSample = api.get("/v1/event-types/delivery.exhausted/sample", tenant)
                .json()
                .get("data");

        for (var attempt : List.of(
                Map.of("type", "webhook.disabled", "data", disabledSample),
                Map.of("type", "webhook.test", "data", testSample),
                Map.of("type", "delivery.exhausted", "data", exhaustedSample),
                Map.of("type", "delivery.anything", "data", Map.of()),
                Map.of("type", "webhook.anything", "data", Map.of()))) {
            Response refused = api.post("/v1/events", attempt, tenant);

            String type = (String) attempt.get("type");
            assertThat(refused.status()).as(type).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json())
                    .as(type)
                    .isEqualTo(problem(
                            refused,
                            422,
                            "reserved-event-type",
                            "Event type reserved for Hookline",
                            "'" + type
                                    + "' is reserved: webhook.* and delivery.* events are sent by Hookline itself and cannot be"
                                    + " published",
                            "type"));
        }

        assertThat(api.get("/v1/events", tenant).json().get("data")).isEmpty();
        assertThat(api.post("/v1/events", Map.of("type", "order.placed", "data", orderData()), tenant)
                        .status())
                .isEqualTo(202);
    }

    @Test
    void anIdempotencyKeyNamesOneRequest() {
        TestTenant tenant = api.newTenant();
        JsonNode data = orderData();
        Response first = publish(tenant, Map.of("type", "order.placed", "data", data), "order-7");
        assertThat(first.status()).isEqualTo(202);
        String id = first.json().get("id").asString();

        ObjectNode changed = (ObjectNode) data.deepCopy();
        changed.put("orderNumber", "SO-999999");
        Response otherData = publish(tenant, Map.of("type", "order.placed", "data", changed), "order-7");
        Response otherSite = publish(
                tenant,
                Map.of("type", "order.placed", "data", data, "siteId", "site_01JD3Q7ZK8M5W2X9R4T6Y1B0S1"),
                "order-7");
        Response otherType = publish(tenant, Map.of("type", "order.updated", "data", data), "order-7");

        String detail = "this Idempotency-Key was used in the last 24 h for a different request (type, siteId or"
                + " data); send a new key for a new event";
        for (Response refused : List.of(otherData, otherSite, otherType)) {
            assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json())
                    .isEqualTo(problem(
                            refused,
                            422,
                            "idempotency-key-reused",
                            "Idempotency key already used for a different request",
                            detail,
                            "Idempotency-Key"));
        }
        assertThat(api.get("/v1/events", tenant).json().get("data")).hasSize(1);

        String reordered =
                "{\"data\":" + ApiClient.JSON.writeValueAsString(reversed(data)) + ",\"type\":\"order.placed\"}";
        assertThat(ApiClient.JSON.writeValueAsString(reversed(data)))
                .isNotEqualTo(ApiClient.JSON.writeValueAsString(data));
        Response again = publish(tenant, reordered, "order-7");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString()).isEqualTo(id);

        Response otherKey = publish(tenant, Map.of("type", "order.placed", "data", changed), "order-8");
        assertThat(otherKey.status()).isEqualTo(202);
        assertThat(otherKey.json().get("id").asString()).isNotEqualTo(id);
        assertThat(api.get("/v1/events", tenant).json().get("data")).hasSize(2);
    }
}
