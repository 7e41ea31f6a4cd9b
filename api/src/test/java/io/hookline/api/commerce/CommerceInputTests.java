package io.hookline.api.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a careless or hostile client sends: wrong JSON types, values the database cannot hold,
 * cursors of other lists, no-op changes, money that is not money. Each answers a clear problem
 * (never a 500) and changes nothing.
 */
class CommerceInputTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private static Map<String, Object> money(String amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    private JsonNode order(TestTenant tenant, String customer, String item, int quantity) {
        Response placed = api.post(
                "/v1/orders",
                Map.of("customerId", customer, "items", List.of(Map.of("itemId", item, "quantity", quantity))),
                tenant);
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        return placed.json();
    }

    @Test
    void valuesOfTheWrongJsonTypeAreRefusedNotConverted() {
        TestTenant tenant = api.newTenant();
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        String item = api.create(tenant, "/v1/items", Map.of("code", "A", "name", "A", "price", money("1.00")));

        Response quantityAsText = api.post(
                "/v1/orders",
                Map.of("customerId", customer, "items", List.of(Map.of("itemId", item, "quantity", "2"))),
                tenant);
        assertThat(quantityAsText.status()).isEqualTo(400);
        assertThat(quantityAsText.fieldErrors()).containsExactly("items[0].quantity");
        assertThat(api.post("/v1/customers", Map.of("code", 456, "name", "N"), tenant)
                        .fieldErrors())
                .containsExactly("code");
        assertThat(api.post(
                                "/v1/items",
                                Map.of("code", "B", "name", "B", "price", Map.of("amount", 12.5, "currency", "EUR")),
                                tenant)
                        .fieldErrors())
                .containsExactly("price.amount");
        assertThat(api.post(
                                "/v1/orders",
                                Map.of(
                                        "customerId",
                                        customer,
                                        "requiresApproval",
                                        1,
                                        "items",
                                        List.of(Map.of("itemId", item, "quantity", 1))),
                                tenant)
                        .fieldErrors())
                .containsExactly("requiresApproval");
        Map<String, Object> nullLine = new HashMap<>();
        nullLine.put("customerId", customer);
        nullLine.put("items", java.util.Arrays.asList((Object) null));
        assertThat(api.post("/v1/orders", nullLine, tenant).invalidFields()).containsExactly("items[0]");
        assertThat(api.post("/v1/customers", "{\"code\": \"C-2\", \"code\": \"C-3\", \"name\": \"N\"}", tenant)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/v1/orders", tenant).json().get("data")).isEmpty();
        assertThat(api.get("/v1/customers", tenant).json().get("data")).hasSize(1);
    }

    @Test
    void valuesTheDatabaseCannotHoldAreClientErrors() {
        TestTenant tenant = api.newTenant();
        assertThat(api.post(
                                "/v1/items",
                                Map.of("code", "M", "name", "M", "price", money("99999999999999999999")),
                                tenant)
                        .invalidFields())
                .containsExactly("price.amount");
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        String pricey =
                api.create(tenant, "/v1/items", Map.of("code", "HP", "name", "HP", "price", money("100000000000")));
        assertThat(api.post(
                                "/v1/orders",
                                Map.of(
                                        "customerId",
                                        customer,
                                        "items",
                                        List.of(Map.of("itemId", pricey, "quantity", 1_000_000))),
                                tenant)
                        .invalidFields())
                .containsExactly("items");
        JsonNode order = order(tenant, customer, pricey, 1);
        String line = order.get("items").get(0).get("id").asString();
        assertThat(api.patch(
                                "/v1/orders/" + order.get("id").asString(),
                                Map.of("items", List.of(Map.of("id", line, "quantity", 2_147_483_647))),
                                tenant)
                        .invalidFields())
                .containsExactly("items[0].quantity");

        Response nul = api.post("/v1/customers", Map.of("code", "C-2", "name", "a\u0000b"), tenant);
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().get("detail").asString()).contains("NUL");
        Response ancient = api.get("/v1/orders?createdAfter=-4714-01-01T00:00:00Z", tenant);
        assertThat(ancient.status()).isEqualTo(400);
        assertThat(ancient.json().get("detail").asString()).contains("outside the supported range");
        assertThat(api.post("/v1/price-lists", Map.of("code", "GOLD", "name", "Gold", "currency", "XAU"), tenant)
                        .invalidFields())
                .containsExactly("currency");
    }

    @Test
    void aCursorServesOnlyTheListAndTenantItCameFrom() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        String item = api.create(tenant, "/v1/items", Map.of("code", "A", "name", "A", "price", money("10.00")));
        String first = order(tenant, customer, item, 1).get("id").asString();
        String second = order(tenant, customer, item, 1).get("id").asString();
        for (String id : List.of(first, first, second)) {
            api.post("/v1/orders/" + id + "/payments", Map.of("amount", money("1.00")), tenant);
        }
        String cursor = api.get("/v1/orders/" + first + "/payments?limit=1", tenant)
                .json()
                .get("nextCursor")
                .asString();
        Response elsewhere = api.get("/v1/orders/" + second + "/payments?cursor=" + cursor, tenant);
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.json().get("type").asString()).endsWith("/invalid-cursor");

        api.create(other, "/v1/items", Map.of("code", "X", "name", "X", "price", money("1.00")));
        api.create(other, "/v1/items", Map.of("code", "Y", "name", "Y", "price", money("1.00")));
        String otherCursor =
                api.get("/v1/items?limit=1", other).json().get("nextCursor").asString();
        assertThat(api.get("/v1/items?cursor=" + otherCursor, tenant).status()).isEqualTo(400);
    }

    @Test
    void aChangeThatChangesNothingEmitsNothingAndKeepsUpdatedAt() {
        TestTenant tenant = api.newTenant();
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        String item = api.create(tenant, "/v1/items", Map.of("code", "A", "name", "A", "price", money("1.00")));
        JsonNode itemBefore = api.get("/v1/items/" + item, tenant).json();
        JsonNode customerBefore = api.get("/v1/customers/" + customer, tenant).json();
        JsonNode order = order(tenant, customer, item, 2);
        String orderPath = "/v1/orders/" + order.get("id").asString();

        JsonNode sameCustomer = api.patch("/v1/customers/" + customer, Map.of("name", "Northwind"), tenant)
                .json();
        JsonNode sameItem = api.patch("/v1/items/" + item, Map.of(), tenant).json();
        JsonNode sameOrder = api.patch(
                        orderPath,
                        Map.of(
                                "items",
                                List.of(Map.of(
                                        "id",
                                        order.get("items").get(0).get("id").asString(),
                                        "quantity",
                                        2))),
                        tenant)
                .json();

        // the answers are the resources exactly as they were, updatedAt included
        assertThat(sameOrder).isEqualTo(order);
        assertThat(sameItem).isEqualTo(itemBefore);
        assertThat(sameCustomer).isEqualTo(customerBefore);
        assertThat(api.events(tenant, "customer.updated")).isEmpty();
        assertThat(api.events(tenant, "item.updated")).isEmpty();
        assertThat(api.events(tenant, "order.updated")).isEmpty();
        assertThat(api.events(tenant, "order.item.updated")).isEmpty();
    }

    @Test
    void paidMoneyIsNeverOrphanedNorAreOrdersLeftWithoutTheirCustomer() {
        TestTenant tenant = api.newTenant();
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        String a = api.create(tenant, "/v1/items", Map.of("code", "A", "name", "A", "price", money("10.00")));
        String b = api.create(tenant, "/v1/items", Map.of("code", "B", "name", "B", "price", money("2.50")));
        JsonNode order = api.post(
                        "/v1/orders",
                        Map.of(
                                "customerId",
                                customer,
                                "items",
                                List.of(Map.of("itemId", a, "quantity", 1), Map.of("itemId", b, "quantity", 2))),
                        tenant)
                .json();
        String orderPath = "/v1/orders/" + order.get("id").asString();
        api.post(orderPath + "/payments", Map.of("amount", money("15.00")), tenant);

        Response deny = api.post(
                orderPath + "/items/" + order.get("items").get(1).get("id").asString() + "/status",
                Map.of("status", "denied"),
                tenant);
        assertThat(deny.status()).isEqualTo(409);
        assertThat(deny.json().get("detail").asString()).contains("payments of 15.00");
        assertThat(api.get(orderPath, tenant)
                        .json()
                        .get("items")
                        .get(1)
                        .get("status")
                        .asString())
                .isEqualTo("pending");

        Response delete = api.delete("/v1/customers/" + customer, tenant);
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.json().get("type").asString()).endsWith("/in-use");
        assertThat(api.get("/v1/customers/" + customer, tenant).status()).isEqualTo(200);

        String unpaid = order(tenant, customer, a, 1).get("id").asString();
        assertThat(api.delete("/v1/orders/" + unpaid, tenant).status()).isEqualTo(204);
        assertThat(api.get("/v1/orders/" + unpaid, tenant)
                        .json()
                        .get("amountDue")
                        .get("amount")
                        .asString())
                .isEqualTo("0.00");
    }
}
