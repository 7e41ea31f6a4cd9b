package io.hookline.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The lengths {@code openapi/openapi.yaml} gives event type names and site ids in request
 * bodies are enforced where a body names them: one character over is a 422 naming the field,
 * before any catalog or site lookup.
 */
class RequestBoundsTests {

    private static final String LONG_TYPE = "order." + "x".repeat(95); // 101 characters
    private static final String LONG_SITE = "site_" + "0".repeat(27); // 32 characters

    private final RunningApp node = RunningApp.shared();
    private final ApiClient api = node.client();

    @Test
    void anEventTypeNameOver100CharactersIsRefusedWhereverABodyNamesOne() {
        TestTenant tenant = api.newTenant();
        assertThat(api.post("/v1/events", Map.of("type", LONG_TYPE, "data", Map.of()), tenant)
                        .invalidFields())
                .containsExactly("type");
        // a batch answers each event on its own: this one as POST /v1/events would have
        JsonNode batch = api.post(
                        "/v1/events/batch",
                        Map.of("events", List.of(Map.of("type", LONG_TYPE, "data", Map.of()))),
                        tenant)
                .json()
                .get("results")
                .get(0);
        assertThat(batch.get("status").asInt()).isEqualTo(422);
        assertThat(batch.get("problem").get("errors").get(0).get("field").asString())
                .isEqualTo("events[0].type");
        assertThat(api.post(
                                "/v1/webhooks",
                                ApiClient.webhookBody("too long", "https://erp.example.com/hooks", LONG_TYPE),
                                tenant)
                        .invalidFields())
                .singleElement()
                .asString()
                .startsWith("events");
        Map<String, Object> filtered = ApiClient.webhookBody("filtered", "https://erp.example.com/hooks");
        filtered.put(
                "filters",
                List.of(Map.of(
                        "event",
                        LONG_TYPE,
                        "property",
                        "data.total.currency",
                        "operator",
                        "equals",
                        "values",
                        List.of("EUR"))));
        assertThat(api.post("/v1/webhooks", filtered, tenant).invalidFields())
                .singleElement()
                .asString()
                .startsWith("filters")
                .endsWith("event");
        // the webhook's test call names a type too (the webhook itself must exist first)
        String webhook = api.webhook(tenant, "https://erp.example.com/hooks", Map.of());
        assertThat(api.post("/v1/webhooks/" + webhook + "/test", Map.of("eventType", LONG_TYPE), tenant)
                        .invalidFields())
                .containsExactly("eventType");
    }

    @Test
    void aWebhooksSiteIdOver31CharactersIsRefused() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> body = ApiClient.webhookBody("one site", "https://erp.example.com/hooks");
        body.put("sites", List.of(LONG_SITE));
        assertThat(api.post("/v1/webhooks", body, tenant).invalidFields())
                .singleElement()
                .asString()
                .startsWith("sites");
    }
}
