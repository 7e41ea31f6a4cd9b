package io.hookline.api.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.order.NewOrder;
import io.hookline.domain.order.OrderRegistry;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class OrderApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    /** The events of a type, oldest first. */
    private String item(TestTenant tenant, String code, String amount, String currency) {
        return api.create(
                tenant,
                "/v1/items",
                Map.of("code", code, "name", "Item " + code, "price", Map.of("amount", amount, "currency", currency)));
    }

    private Map<String, Object> order(String customerId, @Nullable String siteId, boolean approval, String... lines) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 2) {
            items.add(Map.of("itemId", lines[i], "quantity", Integer.parseInt(lines[i + 1])));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("customerId", customerId);
        body.put("items", items);
        body.put("requiresApproval", approval);
        body.put("reference", "PO-1");
        if (siteId != null) {
            body.put("siteId", siteId);
        }
        return body;
    }

    private Response status(TestTenant tenant, JsonNode order, int line, String status) {
        return api.post(
                "/v1/orders/" + order.get("id").asString() + "/items/"
                        + order.get("items").get(line).get("id").asString() + "/status",
                Map.of("status", status),
                tenant);
    }

    private static String problemType(Response response) {
        return response.json().get("type").asString();
    }

    @Test
    void anApprovalOrderGoesFromPlacedToCompletedWithEveryEventOnce() {
        TestTenant tenant = api.newTenant();
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        String site = api.create(tenant, "/v1/sites", Map.of("code", "WEBSHOP", "name", "Shop"));
        String cards = item(tenant, "BC-500", "24.95", "EUR");
        String flyers = item(tenant, "FL-100", "10", "EUR");

        Response placed = api.post("/v1/orders", order(customer, site, true, cards, "2", flyers, "1"), tenant);
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        JsonNode order = placed.json();
        String id = order.get("id").asString();
        assertThat(id).startsWith("ord_");
        assertThat(order.get("number").asString()).isEqualTo("SO-000001");
        assertThat(order.get("status").asString()).isEqualTo("pending_approval");
        assertThat(order.get("customerCode").asString()).isEqualTo("C-1");
        assertThat(order.get("total").get("amount").asString()).isEqualTo("59.90");
        assertThat(order.get("amountDue").get("amount").asString()).isEqualTo("59.90");
        assertThat(order.get("items").get(0).get("itemCode").asString()).isEqualTo("BC-500");
        assertThat(order.get("items").get(0).get("status").asString()).isEqualTo("pending");
        assertThat(api.get("/v1/orders/" + id, tenant).json()).isEqualTo(order);

        JsonNode placedEvent = api.envelopes(tenant, "order.placed").getFirst();
        assertThat(placedEvent.get("siteId").asString()).isEqualTo(site);
        assertThat(placedEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        assertThat(placedEvent.get("data").get("items")).isEqualTo(order.get("items"));
        assertThat(api.envelopes(tenant, "order.approval_requested")).hasSize(1);

        Response early = status(tenant, order, 0, "in_production");
        assertThat(early.status()).isEqualTo(409);
        assertThat(problemType(early)).isEqualTo("https://hookline.dev/problems/invalid-transition");
        assertThat(early.json().get("detail").asString()).contains("approve or deny");

        assertThat(status(tenant, order, 0, "approved").json().get("status").asString())
                .isEqualTo("pending_approval");
        JsonNode afterDenial = status(tenant, order, 1, "denied").json();
        assertThat(afterDenial.get("status").asString()).isEqualTo("open");
        assertThat(afterDenial.get("total").get("amount").asString()).isEqualTo("49.90");
        for (String next : List.of("in_production", "files_generated", "ready")) {
            assertThat(status(tenant, order, 0, next).status()).isEqualTo(200);
        }
        JsonNode completed = status(tenant, order, 0, "completed").json();
        assertThat(completed.get("status").asString()).isEqualTo("completed");
        Response again = status(tenant, order, 0, "completed");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("final");

        List<JsonNode> changes = api.envelopes(tenant, "order.item.status_changed");
        assertThat(changes)
                .extracting(e -> e.get("data").get("previousStatus").asString() + ">"
                        + e.get("data").get("orderItem").get("status").asString())
                .containsExactly(
                        "pending>approved",
                        "pending>denied",
                        "approved>in_production",
                        "in_production>files_generated",
                        "files_generated>ready",
                        "ready>completed");
        assertThat(changes.getFirst().get("data").get("orderNumber").asString()).isEqualTo("SO-000001");
        assertThat(changes.getFirst().get("siteId").asString()).isEqualTo(site);
        assertThat(api.envelopes(tenant, "order.item.approved")).hasSize(1);
        assertThat(api.envelopes(tenant, "order.item.denied")).hasSize(1);
        assertThat(api.envelopes(tenant, "order.item.files_generated")).hasSize(1);
        assertThat(api.envelopes(tenant, "order.item.completed")).hasSize(1);
        JsonNode ready = api.envelopes(tenant, "vendor.item.ready").getFirst().get("data");
        assertThat(ready.get("orderItem").get("itemCode").asString()).isEqualTo("BC-500");
        assertThat(api.envelopes(tenant, "order.updated")).hasSize(1); // pending_approval -> open
        List<JsonNode> done = api.envelopes(tenant, "order.completed");
        assertThat(done).hasSize(1);
        assertThat(done.getFirst().get("data").get("status").asString()).isEqualTo("completed");
    }

    @Test
    void linesMoveForwardOnlyAndOrderCompletedFiresOnceEvenWhenTheLastLinesCompleteTogether() throws Exception {
        TestTenant tenant = api.newTenant();
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        String a = item(tenant, "A", "1.00", "EUR");
        String b = item(tenant, "B", "2.00", "EUR");
        JsonNode order = api.post("/v1/orders", order(customer, null, false, a, "1", b, "1"), tenant)
                .json();
        assertThat(order.get("status").asString()).isEqualTo("open");
        assertThat(api.envelopes(tenant, "order.approval_requested")).isEmpty();

        assertThat(status(tenant, order, 0, "ready").status()).isEqualTo(200); // skipping steps is allowed
        Response back = status(tenant, order, 0, "in_production");
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.json().get("detail").asString()).contains("cannot go back");
        assertThat(status(tenant, order, 0, "denied").status()).isEqualTo(409);
        assertThat(status(tenant, order, 1, "ready").status()).isEqualTo(200);

        var first = CompletableFuture.supplyAsync(() -> status(tenant, order, 0, "completed"));
        var second = CompletableFuture.supplyAsync(() -> status(tenant, order, 1, "completed"));
        assertThat(first.get().status()).isEqualTo(200);
        assertThat(second.get().status()).isEqualTo(200);
        assertThat(api.envelopes(tenant, "order.completed")).hasSize(1);
        assertThat(api.get("/v1/orders/" + order.get("id").asString(), tenant)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("completed");
    }

    @Test
    void paymentsAreInTheOrdersCurrencyAndNeverMoreThanIsDue() {
        TestTenant tenant = api.newTenant();
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        JsonNode order = api.post(
                        "/v1/orders", order(customer, null, false, item(tenant, "A", "24.95", "EUR"), "2"), tenant)
                .json();
        String payments = "/v1/orders/" + order.get("id").asString() + "/payments";

        Response tooMuch = api.post(payments, Map.of("amount", Map.of("amount", "50.00", "currency", "EUR")), tenant);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().get("detail").asString()).contains("amount due, 49.90");
        Response dollars = api.post(payments, Map.of("amount", Map.of("amount", "10.00", "currency", "USD")), tenant);
        assertThat(dollars.status()).isEqualTo(422);
        assertThat(dollars.json().get("errors").get(0).get("field").asString()).isEqualTo("amount.currency");
        Response zero = api.post(payments, Map.of("amount", Map.of("amount", "0", "currency", "EUR")), tenant);
        assertThat(zero.status()).isEqualTo(422);

        Response paid = api.post(
                payments, Map.of("amount", Map.of("amount", "20.00", "currency", "EUR"), "reference", "PSP-1"), tenant);
        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.json().get("id").asString()).startsWith("pay_");
        JsonNode after =
                api.get("/v1/orders/" + order.get("id").asString(), tenant).json();
        assertThat(after.get("amountPaid").get("amount").asString()).isEqualTo("20.00");
        assertThat(after.get("amountDue").get("amount").asString()).isEqualTo("29.90");
        assertThat(api.post(payments, Map.of("amount", Map.of("amount", "29.90", "currency", "EUR")), tenant)
                        .status())
                .isEqualTo(201);
        assertThat(api.post(payments, Map.of("amount", Map.of("amount", "0.01", "currency", "EUR")), tenant)
                        .status())
                .isEqualTo(422);
        assertThat(api.get(payments, tenant).json().get("data"))
                .extracting(p -> p.get("amount").get("amount").asString())
                .containsExactly("20.00", "29.90");

        List<JsonNode> received = api.envelopes(tenant, "payment.received");
        assertThat(received).hasSize(2);
        JsonNode data = received.getFirst().get("data");
        assertThat(data.get("orderId").asString()).isEqualTo(order.get("id").asString());
        assertThat(data.get("orderNumber").asString()).isEqualTo("SO-000001");
        assertThat(data.get("customerCode").asString()).isEqualTo("C-1");
        assertThat(data.get("amount").get("amount").asString()).isEqualTo("20.00");
        assertThat(data.get("reference").asString()).isEqualTo("PSP-1");

        Response cancel = api.delete("/v1/orders/" + order.get("id").asString(), tenant);
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().get("detail").asString()).contains("payments");
    }

    @Test
    void badReferencesAndValuesAreFieldErrorsAndOtherTenantsOrdersDoNotExist() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        String euro = item(tenant, "A", "1.00", "EUR");
        String dollar = item(tenant, "B", "1.00", "USD");
        String foreign = item(other, "X", "1.00", "EUR");

        assertThat(api.post("/v1/orders", order("cus_nope", null, false, euro, "1"), tenant)
                        .invalidFields())
                .containsExactly("customerId");
        assertThat(api.post("/v1/orders", order(customer, null, false, foreign, "1"), tenant)
                        .invalidFields())
                .containsExactly("items[0].itemId");
        assertThat(api.post("/v1/orders", order(customer, null, false, euro, "1", dollar, "1"), tenant)
                        .invalidFields())
                .containsExactly("items");
        assertThat(api.post("/v1/orders", order(customer, "site_nope", false, euro, "1"), tenant)
                        .invalidFields())
                .containsExactly("siteId");
        assertThat(api.post("/v1/orders", order(customer, null, false, euro, "0"), tenant)
                        .invalidFields())
                .containsExactly("items[0].quantity");
        assertThat(api.post("/v1/orders", order(customer, null, false), tenant).invalidFields())
                .containsExactly("items");
        Map<String, Object> fractional = order(customer, null, false, euro, "1");
        fractional.put("items", List.of(Map.of("itemId", euro, "quantity", 2.5)));
        Response truncated = api.post("/v1/orders", fractional, tenant);
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.fieldErrors()).containsExactly("items[0].quantity");
        assertThat(api.get("/v1/orders", tenant).json().get("data")).isEmpty();
        assertThat(api.envelopes(tenant, "order.placed")).isEmpty();

        JsonNode order = api.post("/v1/orders", order(customer, null, false, euro, "1"), tenant)
                .json();
        String id = order.get("id").asString();
        assertThat(status(tenant, order, 0, "shipped").invalidFields()).containsExactly("status");
        assertThat(status(tenant, order, 0, "pending").invalidFields()).containsExactly("status");
        assertThat(api.post("/v1/orders/" + id + "/items/ori_nope/status", Map.of("status", "approved"), tenant)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/v1/orders/" + id, other).status()).isEqualTo(404);
        assertThat(status(other, order, 0, "approved").status()).isEqualTo(404);
        assertThat(api.get("/v1/orders/" + id + "/payments", other).status()).isEqualTo(404);
        assertThat(api.delete("/v1/orders/" + id, other).status()).isEqualTo(404);
        assertThat(api.envelopes(other, "order.item.status_changed")).isEmpty();
    }

    @Test
    void pendingLinesCanChangeQuantityAndAnUnstartedOrderCanBeCancelled() {
        TestTenant tenant = api.newTenant();
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        JsonNode order = api.post(
                        "/v1/orders",
                        order(
                                customer,
                                null,
                                false,
                                item(tenant, "A", "2.50", "EUR"),
                                "1",
                                item(tenant, "B", "1", "EUR"),
                                "1"),
                        tenant)
                .json();
        String id = order.get("id").asString();
        String line = order.get("items").get(0).get("id").asString();

        JsonNode changed = api.patch(
                        "/v1/orders/" + id,
                        Map.of("reference", "PO-2", "items", List.of(Map.of("id", line, "quantity", 4))),
                        tenant)
                .json();
        assertThat(changed.get("reference").asString()).isEqualTo("PO-2");
        assertThat(changed.get("items").get(0).get("quantity").asInt()).isEqualTo(4);
        assertThat(changed.get("total").get("amount").asString()).isEqualTo("11.00");
        assertThat(api.envelopes(tenant, "order.item.updated")).hasSize(1);
        assertThat(api.envelopes(tenant, "order.item.updated")
                        .getFirst()
                        .get("data")
                        .get("orderItem")
                        .get("quantity")
                        .asInt())
                .isEqualTo(4);
        assertThat(api.envelopes(tenant, "order.updated")).hasSize(1);

        assertThat(status(tenant, order, 0, "approved").status()).isEqualTo(200);
        Response late =
                api.patch("/v1/orders/" + id, Map.of("items", List.of(Map.of("id", line, "quantity", 5))), tenant);
        assertThat(late.status()).isEqualTo(409);
        assertThat(api.patch(
                                "/v1/orders/" + id,
                                Map.of("items", List.of(Map.of("id", "ori_nope", "quantity", 5))),
                                tenant)
                        .invalidFields())
                .containsExactly("items[0].id");

        assertThat(api.delete("/v1/orders/" + id, tenant).status()).isEqualTo(204);
        JsonNode cancelled = api.get("/v1/orders/" + id, tenant).json();
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(api.envelopes(tenant, "order.updated")
                        .getLast()
                        .get("data")
                        .get("status")
                        .asString())
                .isEqualTo("cancelled");
        assertThat(status(tenant, order, 1, "approved").status()).isEqualTo(409);
        assertThat(api.delete("/v1/orders/" + id, tenant).status()).isEqualTo(409);
        assertThat(api.post(
                                "/v1/orders/" + id + "/payments",
                                Map.of("amount", Map.of("amount", "1.00", "currency", "EUR")),
                                tenant)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aPlacementThatRollsBackLeavesNoOrderAndNoEvent() {
        TestTenant tenant = api.newTenant();
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        String item = item(tenant, "A", "1.00", "EUR");
        int before = api.get("/v1/events?limit=100", tenant).json().get("data").size();
        TenantId id = new TenantId(tenant.id());
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));

        try (var caller = CallerContext.bind(new CallerContext.Caller("usr_test", id))) {
            transaction.executeWithoutResult(status -> {
                app.bean(OrderRegistry.class)
                        .place(id, new NewOrder(customer, List.of(new NewOrder.Line(item, 1)), null, true, null));
                status.setRollbackOnly();
            });
        }

        assertThat(api.get("/v1/orders", tenant).json().get("data")).isEmpty();
        assertThat(api.get("/v1/events?limit=100", tenant).json().get("data")).hasSize(before);
        // the number the rolled-back order took is free again
        assertThat(api.post("/v1/orders", order(customer, null, false, item, "1"), tenant)
                        .json()
                        .get("number")
                        .asString())
                .isEqualTo("SO-000001");
    }

    @Test
    void aLineStatusChangeOrAPaymentPutsTheOrderInTheChangedSinceList() {
        TestTenant tenant = api.newTenant();
        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        String item = item(tenant, "A", "5.00", "EUR");
        JsonNode first = api.post("/v1/orders", order(customer, null, false, item, "1"), tenant)
                .json();
        JsonNode second = api.post("/v1/orders", order(customer, null, false, item, "1"), tenant)
                .json();
        assertThat(second.get("number").asString()).isEqualTo("SO-000002");
        String since = second.get("updatedAt").asString();
        assertThat(api.get("/v1/orders?updatedAfter=" + since, tenant).json().get("data"))
                .isEmpty();

        status(tenant, first, 0, "in_production");
        JsonNode changed =
                api.get("/v1/orders?updatedAfter=" + since, tenant).json().get("data");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("id").asString())
                .isEqualTo(first.get("id").asString());
        assertThat(changed.get(0).get("items").get(0).get("status").asString()).isEqualTo("in_production");

        String after = changed.get(0).get("updatedAt").asString();
        api.post(
                "/v1/orders/" + second.get("id").asString() + "/payments",
                Map.of("amount", Map.of("amount", "5.00", "currency", "EUR")),
                tenant);
        JsonNode paid =
                api.get("/v1/orders?updatedAfter=" + after, tenant).json().get("data");
        assertThat(paid).hasSize(1);
        assertThat(paid.get(0).get("amountDue").get("amount").asString()).isEqualTo("0.00");
        assertThat(api.get("/v1/orders?createdAfter=" + first.get("createdAt").asString(), tenant)
                        .json()
                        .get("data"))
                .extracting(o -> o.get("number").asString())
                .containsExactly("SO-000002");
    }
}
