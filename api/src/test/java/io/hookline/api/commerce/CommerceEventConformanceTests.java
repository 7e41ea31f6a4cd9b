package io.hookline.api.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Drives every commerce resource through every change an integrator can make, then checks each
 * event the tenant got against the JSON Schema the public catalog serves for its type — a
 * consumer's view, independent of the server's own validation — and that every commerce type
 * of the catalog was emitted at least once.
 */
class CommerceEventConformanceTests {

    /** Catalog types no commerce change emits: published by other services, or operational. */
    private static final Set<String> NOT_COMMERCE = Set.of(
            "page.form_submitted",
            "webhook.test",
            "webhook.disabled",
            "webhook.failing",
            "webhook.recovered",
            "delivery.exhausted");

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private JsonNode ok(Response response) {
        assertThat(response.status()).as(response.raw()).isBetween(200, 204);
        return response.status() == 204 ? ApiClient.JSON.createObjectNode() : response.json();
    }

    private static Map<String, Object> money(String amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    @Test
    void everyEventOfEveryCommerceChangeConformsToItsPublishedSchema() {
        TestTenant tenant = api.newTenant();

        String site = api.create(tenant, "/v1/sites", Map.of("code", "WEBSHOP", "name", "Shop"));
        ok(api.patch("/v1/sites/" + site, Map.of("name", "Acme Webshop"), tenant));
        String users = "/v1/sites/" + site + "/users";
        String jane = api.create(tenant, users, Map.of("email", "jane@example.com", "name", "Jane"));
        ok(api.post(users + "/" + jane + "/approve", null, tenant));
        ok(api.patch(users + "/" + jane, Map.of("name", "Jane Doe"), tenant));
        String john = api.create(tenant, users, Map.of("email", "john@example.com", "name", "John"));
        ok(api.delete(users + "/" + john, tenant));

        String customer = api.create(tenant, "/v1/customers", Map.of("code", "C-1", "name", "Northwind"));
        ok(api.patch("/v1/customers/" + customer, Map.of("email", "buy@northwind.example"), tenant));
        String addresses = "/v1/customers/" + customer + "/addresses";
        String address = api.create(
                tenant,
                addresses,
                Map.of(
                        "code",
                        "SHIP",
                        "line1",
                        "Keizersgracht 1",
                        "city",
                        "Amsterdam",
                        "postalCode",
                        "1015 CJ",
                        "country",
                        "NL"));
        ok(api.patch(addresses + "/" + address, Map.of("line2", "3rd floor"), tenant));
        ok(api.delete(addresses + "/" + address, tenant));
        api.create(
                tenant,
                addresses,
                Map.of(
                        "code",
                        "BILL",
                        "line1",
                        "Damrak 1",
                        "city",
                        "Amsterdam",
                        "postalCode",
                        "1012 LG",
                        "country",
                        "NL"));
        String contacts = "/v1/customers/" + customer + "/contact-persons";
        String nancy =
                api.create(tenant, contacts, Map.of("code", "CP-1", "name", "Nancy", "email", "nancy@example.com"));
        ok(api.patch(contacts + "/" + nancy, Map.of("phone", "+31 20 555 0100"), tenant));
        ok(api.delete(contacts + "/" + nancy, tenant));
        api.create(tenant, contacts, Map.of("code", "CP-2", "name", "Andrew"));

        Map<String, Object> cards = new HashMap<>(
                Map.of("code", "BC-500", "name", "Business cards", "price", money("24.95"), "stock", 100));
        cards.put("lowStockThreshold", 25);
        String item = api.create(tenant, "/v1/items", cards);
        ok(api.patch("/v1/items/" + item, Map.of("stock", 10), tenant));
        String flyers = api.create(tenant, "/v1/items", Map.of("code", "FL", "name", "Flyers", "price", money("0.10")));
        String posters = api.create(tenant, "/v1/items", Map.of("code", "PO", "name", "Posters", "price", money("3")));

        String priceList = api.create(
                tenant, "/v1/price-lists", Map.of("code", "RESELLER", "name", "Reseller", "currency", "EUR"));
        ok(api.patch("/v1/price-lists/" + priceList, Map.of("name", "Resellers"), tenant));
        ok(api.delete("/v1/price-lists/" + priceList, tenant));

        JsonNode order = ok(api.post(
                "/v1/orders",
                Map.of(
                        "customerId",
                        customer,
                        "siteId",
                        site,
                        "requiresApproval",
                        true,
                        "items",
                        List.of(
                                Map.of("itemId", item, "quantity", 2),
                                Map.of("itemId", flyers, "quantity", 500),
                                Map.of("itemId", posters, "quantity", 1))),
                tenant));
        String orderPath = "/v1/orders/" + order.get("id").asString();
        List<String> lines = order.get("items")
                .valueStream()
                .map(line -> line.get("id").asString())
                .toList();
        ok(api.patch(orderPath, Map.of("items", List.of(Map.of("id", lines.get(1), "quantity", 1000))), tenant));
        move(tenant, orderPath, lines.get(0), "approved", "in_production", "files_generated", "ready", "completed");
        move(tenant, orderPath, lines.get(1), "denied");
        move(tenant, orderPath, lines.get(2), "approved", "completed");
        ok(api.post(orderPath + "/payments", Map.of("amount", money("52.90")), tenant));

        ok(api.delete("/v1/items/" + posters, tenant));
        // a customer with orders cannot be deleted; one without, with an address and a contact, can
        String leaving = api.create(tenant, "/v1/customers", Map.of("code", "C-2", "name", "Leaving"));
        api.create(
                tenant,
                "/v1/customers/" + leaving + "/addresses",
                Map.of(
                        "code",
                        "HQ",
                        "line1",
                        "Damrak 2",
                        "city",
                        "Amsterdam",
                        "postalCode",
                        "1012 LG",
                        "country",
                        "NL"));
        api.create(tenant, "/v1/customers/" + leaving + "/contact-persons", Map.of("code", "CP-9", "name", "Laura"));
        ok(api.delete("/v1/customers/" + leaving, tenant));
        ok(api.delete("/v1/sites/" + site, tenant));

        Map<String, Schema> schemas = publishedSchemas(tenant);
        List<JsonNode> envelopes = api.envelopes(tenant, null);
        Set<String> seen = new TreeSet<>();
        for (JsonNode envelope : envelopes) {
            String type = envelope.get("type").asString();
            seen.add(type);
            assertThat(schemas).as("catalog has %s", type).containsKey(type);
            assertThat(schemas.get(type).validate(envelope.get("data")))
                    .as("%s data %s", type, envelope.get("data"))
                    .isEmpty();
            assertThat(envelope.get("tenantId").asString()).isEqualTo(tenant.id());
            assertThat(envelope.get("administrationCode").asString()).isEqualTo(tenant.code());
            assertThat(envelope.get("triggeredBy").asString()).isEqualTo("usr_test");
        }
        Map<String, String> sampleDrift = new java.util.TreeMap<>();
        for (JsonNode envelope : envelopes) {
            String type = envelope.get("type").asString();
            JsonNode sample =
                    ok(api.get("/v1/event-types/" + type + "/sample", tenant)).get("data");
            Set<String> real = shape(envelope.get("data"), "");
            Set<String> promised = shape(sample, "");
            if (!real.equals(promised)) {
                Set<String> missing = new TreeSet<>(real);
                missing.removeAll(promised);
                Set<String> extra = new TreeSet<>(promised);
                extra.removeAll(real);
                sampleDrift.put(type, "sample lacks " + missing + ", sample has extra " + extra);
            }
        }
        assertThat(sampleDrift)
                .as("each catalog sample has the fields real events carry")
                .isEmpty();
        Set<String> commerceTypes = new TreeSet<>(schemas.keySet());
        commerceTypes.removeAll(NOT_COMMERCE);
        assertThat(seen).containsExactlyElementsOf(commerceTypes);
    }

    /** The dotted paths of every field in {@code node} (array elements by their first element). */
    private static Set<String> shape(JsonNode node, String prefix) {
        Set<String> paths = new TreeSet<>();
        if (node.isObject()) {
            for (var name : node.propertyNames()) {
                paths.add(prefix + name);
                paths.addAll(shape(node.get(name), prefix + name + "."));
            }
        } else if (node.isArray() && !node.isEmpty()) {
            paths.addAll(shape(node.get(0), prefix + "[]."));
        }
        return paths;
    }

    private void move(TestTenant tenant, String orderPath, String line, String... statuses) {
        for (String status : statuses) {
            ok(api.post(orderPath + "/items/" + line + "/status", Map.of("status", status), tenant));
        }
    }

    /** The schemas the public catalog serves, compiled as a consumer would. */
    private Map<String, Schema> publishedSchemas(TestTenant tenant) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<String, Schema> schemas = new HashMap<>();
        for (JsonNode type : api.pageAll(tenant, "/v1/event-types?limit=100")) {
            schemas.put(type.get("name").asString(), registry.getSchema(type.get("schema")));
        }
        return schemas;
    }
}
