package io.hookline.api.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ItemApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private List<JsonNode> eventData(TestTenant tenant, String type) {
        return api.envelopes(tenant, type).stream().map(e -> e.get("data")).toList();
    }

    private static Map<String, Object> item(
            String code, String amount, @Nullable Integer stock, @Nullable Integer threshold) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "Business cards " + code);
        body.put("price", Map.of("amount", amount, "currency", "EUR"));
        body.put("stock", stock);
        body.put("lowStockThreshold", threshold);
        return body;
    }

    @Test
    void everyChangeEmitsItsEventWithTheItemAsTheApiReturnsIt() {
        TestTenant tenant = api.newTenant();

        Response created = api.post("/v1/items", item("BC-500", "24.95", 120, 25), tenant);
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").asString();
        assertThat(id).startsWith("itm_");
        assertThat(created.header("Location")).isEqualTo("/v1/items/" + id);
        assertThat(body.get("price").get("amount").asString()).isEqualTo("24.95");
        assertThat(body.get("price").get("currency").asString()).isEqualTo("EUR");
        assertThat(api.get("/v1/items/" + id, tenant).json()).isEqualTo(body);

        Response updated =
                api.patch("/v1/items/" + id, Map.of("price", Map.of("amount", "7", "currency", "EUR")), tenant);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("price").get("amount").asString()).isEqualTo("7.00");
        assertThat(updated.json().get("stock").asInt()).isEqualTo(120);
        assertThat(api.delete("/v1/items/" + id, tenant).status()).isEqualTo(204);
        assertThat(api.get("/v1/items/" + id, tenant).status()).isEqualTo(404);

        JsonNode createdData = eventData(tenant, "item.created").getFirst();
        assertThat(createdData.get("itemCode").asString()).isEqualTo("BC-500");
        assertThat(createdData.get("price")).isEqualTo(body.get("price"));
        assertThat(createdData.get("createdAt").asString())
                .isEqualTo(body.get("createdAt").asString());
        assertThat(eventData(tenant, "item.updated")
                        .getFirst()
                        .get("price")
                        .get("amount")
                        .asString())
                .isEqualTo("7.00");
        JsonNode deleted = eventData(tenant, "item.deleted").getFirst();
        assertThat(deleted.get("id").asString()).isEqualTo(id);
        assertThat(deleted.get("itemCode").asString()).isEqualTo("BC-500");
        JsonNode envelope = api.get("/v1/events?type=item.created", tenant)
                .json()
                .get("data")
                .get(0)
                .get("envelope");
        assertThat(envelope.get("triggeredBy").asString()).isEqualTo("usr_test");
    }

    @Test
    void inventoryLowFiresOnceWhenStockCrossesBelowTheThreshold() {
        TestTenant tenant = api.newTenant();
        String id = api.post("/v1/items", item("BC-500", "24.95", 30, 25), tenant)
                .json()
                .get("id")
                .asString();

        api.patch("/v1/items/" + id, Map.of("stock", 25), tenant); // at the threshold: not low
        assertThat(eventData(tenant, "inventory.low")).isEmpty();
        api.patch("/v1/items/" + id, Map.of("stock", 24), tenant); // crosses below
        api.patch("/v1/items/" + id, Map.of("stock", 10), tenant); // stays below: no second event
        api.patch("/v1/items/" + id, Map.of("name", "Renamed"), tenant);
        assertThat(eventData(tenant, "inventory.low")).hasSize(1);
        JsonNode low = eventData(tenant, "inventory.low").getFirst();
        assertThat(low.get("itemId").asString()).isEqualTo(id);
        assertThat(low.get("itemCode").asString()).isEqualTo("BC-500");
        assertThat(low.get("stock").asInt()).isEqualTo(24);
        assertThat(low.get("lowStockThreshold").asInt()).isEqualTo(25);

        api.patch("/v1/items/" + id, Map.of("stock", 40), tenant); // restocked
        api.patch("/v1/items/" + id, Map.of("lowStockThreshold", 50), tenant); // threshold raised above stock
        assertThat(eventData(tenant, "inventory.low")).hasSize(2);
        assertThat(eventData(tenant, "inventory.low").getLast().get("stock").asInt())
                .isEqualTo(40);

        // an item created low, or without a threshold, does not signal
        api.post("/v1/items", item("LOW", "1.00", 1, 5), tenant);
        String untracked = api.post("/v1/items", item("FREE", "1.00", null, null), tenant)
                .json()
                .get("id")
                .asString();
        api.patch("/v1/items/" + untracked, Map.of("stock", 0), tenant);
        assertThat(eventData(tenant, "inventory.low")).hasSize(2);
        assertThat(eventData(tenant, "item.updated")).hasSize(7);
    }

    @Test
    void moneyStockAndCodesAreChecked() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String id = api.post("/v1/items", item("A", "1.00", null, null), tenant)
                .json()
                .get("id")
                .asString();

        Response clash = api.post("/v1/items", item("A", "2.00", null, null), tenant);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/code-taken");
        assertThat(api.post("/v1/items", item("A", "2.00", null, null), other).status())
                .isEqualTo(201);

        assertThat(api.post("/v1/items", item("B", "12.50001", null, null), tenant)
                        .invalidFields())
                .containsExactly("price.amount");
        assertThat(api.post("/v1/items", item("B", "-1.00", null, null), tenant).invalidFields())
                .containsExactly("price.amount");
        Map<String, Object> lowerCase = item("B", "1.00", null, null);
        lowerCase.put("price", Map.of("amount", "1.00", "currency", "eur"));
        assertThat(api.post("/v1/items", lowerCase, tenant).invalidFields()).containsExactly("price.currency");
        Map<String, Object> unknown = item("B", "1.00", null, null);
        unknown.put("price", Map.of("amount", "1.00", "currency", "XYZ"));
        assertThat(api.post("/v1/items", unknown, tenant).invalidFields()).containsExactly("price.currency");
        Map<String, Object> noCurrency = item("B", "1.00", null, null);
        noCurrency.put("price", Map.of("amount", "1.00"));
        assertThat(api.post("/v1/items", noCurrency, tenant).invalidFields()).containsExactly("price.currency");
        assertThat(api.post("/v1/items", item("B", "1.00", -1, null), tenant).invalidFields())
                .containsExactly("stock");
        assertThat(api.patch("/v1/items/" + id, Map.of("stock", -5), tenant).invalidFields())
                .containsExactly("stock");
        Map<String, Object> noPrice = item("B", "1.00", null, null);
        noPrice.remove("price");
        assertThat(api.post("/v1/items", noPrice, tenant).invalidFields()).containsExactly("price");

        assertThat(api.get("/v1/items/" + id, other).status()).isEqualTo(404);
        assertThat(api.patch("/v1/items/" + id, Map.of("name", "stolen"), other).status())
                .isEqualTo(404);
        assertThat(api.delete("/v1/items/" + id, other).status()).isEqualTo(404);
        assertThat(api.get("/v1/items", tenant).json().get("data")).hasSize(1);
        assertThat(eventData(tenant, "item.created")).hasSize(1);
    }

    @Test
    void aSyncWithUpdatedAfterReturnsExactlyWhatChangedSince() {
        TestTenant tenant = api.newTenant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(api.post("/v1/items", item("I-" + i, "1.00", 10, null), tenant)
                    .json()
                    .get("id")
                    .asString());
        }
        String since = api.get("/v1/items/" + ids.getLast(), tenant)
                .json()
                .get("updatedAt")
                .asString();
        List<String> changed = List.of(ids.get(3), ids.get(17), ids.get(8));
        changed.forEach(id -> api.patch("/v1/items/" + id, Map.of("stock", 5), tenant));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(
                            "/v1/items?limit=2&updatedAfter=" + since + (cursor == null ? "" : "&cursor=" + cursor),
                            tenant)
                    .json();
            page.get("data").forEach(i -> seen.add(i.get("id").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(changed);
        assertThat(api.get("/v1/items?limit=100&createdAfter=" + since, tenant)
                        .json()
                        .get("data"))
                .isEmpty();
    }
}
