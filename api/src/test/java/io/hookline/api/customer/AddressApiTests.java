package io.hookline.api.customer;

import static io.hookline.domain.jooq.Tables.CUSTOMER_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.domain.customer.CustomerRegistry;
import io.hookline.domain.customer.address.AddressChanges;
import io.hookline.domain.customer.address.AddressRegistry;
import io.hookline.tenancy.TenantId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A customer's addresses; what they share with contact persons is in {@link CustomerOwnedApiContract}. */
class AddressApiTests extends CustomerOwnedApiContract {

    AddressApiTests() {
        super("addresses", "address", "customer.address", "city", CUSTOMER_ADDRESS.TENANT_ID);
    }

    @Override
    Map<String, Object> body(String code) {
        return address(code);
    }

    @Override
    void createInTransaction(TenantId tenant, String customerId, String code) {
        app.bean(AddressRegistry.class)
                .create(
                        tenant,
                        customerId,
                        new AddressChanges(code, null, "Nowhere 1", null, "0000", "Nowhere", null, "NL"));
    }

    private static Map<String, Object> address(String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("line1", "Keizersgracht 123");
        body.put("postalCode", "1015 CJ");
        body.put("city", "Amsterdam");
        body.put("country", "NL");
        return body;
    }

    private static Map<String, Object> address(String code, String field, Object value) {
        Map<String, Object> body = address(code);
        body.put(field, value);
        return body;
    }

    @Test
    void everyChangeEmitsItsEventWithTheAddressAsTheApiReturnsItAndItsCodes() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String base = "/v1/customers/" + customerId + "/addresses";

        Response created = api.post(base, address("SHIP-1", "type", "shipping"), tenant);
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").asString();
        assertThat(id).startsWith("adr_");
        assertThat(created.header("Location")).isEqualTo(base + "/" + id);
        assertThat(body.get("customerId").asString()).isEqualTo(customerId);
        assertThat(body.get("code").asString()).isEqualTo("SHIP-1");
        assertThat(body.get("type").asString()).isEqualTo("shipping");
        assertThat(body.get("line1").asString()).isEqualTo("Keizersgracht 123");
        assertThat(body.get("line2").isNull()).isTrue();
        assertThat(body.get("region").isNull()).isTrue();
        assertThat(body.get("country").asString()).isEqualTo("NL");
        assertThat(api.get(base + "/" + id, tenant).json()).isEqualTo(body);
        assertThat(api.get(base, tenant).json().get("data")).containsExactly(body);

        Response updated = api.patch(base + "/" + id, Map.of("line2", "3rd floor", "city", "Haarlem"), tenant);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("line2").asString()).isEqualTo("3rd floor");
        assertThat(updated.json().get("city").asString()).isEqualTo("Haarlem");
        assertThat(updated.json().get("line1").asString()).isEqualTo("Keizersgracht 123");
        assertThat(updated.json().get("createdAt")).isEqualTo(body.get("createdAt"));
        assertThat(api.delete(base + "/" + id, tenant).status()).isEqualTo(204);
        assertThat(api.get(base + "/" + id, tenant).notFound()).isEqualTo("address " + id + " does not exist");

        JsonNode createdEvent =
                api.envelopes(tenant, "customer.address.created").getFirst();
        assertThat(createdEvent.get("type").asString()).isEqualTo("customer.address.created");
        assertThat(createdEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        JsonNode data = createdEvent.get("data");
        for (String field : List.of(
                "id",
                "customerId",
                "code",
                "type",
                "line1",
                "postalCode",
                "city",
                "country",
                "createdAt",
                "updatedAt")) {
            assertThat(data.get(field)).as(field).isEqualTo(body.get(field));
        }
        assertThat(data.get("line2").isNull()).isTrue();
        assertThat(data.get("addressCode").asString()).isEqualTo("SHIP-1");
        assertThat(data.get("customerCode").asString()).isEqualTo("C-1");

        JsonNode updatedEvent =
                api.envelopes(tenant, "customer.address.updated").getFirst();
        assertThat(updatedEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        assertThat(updatedEvent.get("data").get("city").asString()).isEqualTo("Haarlem");
        assertThat(updatedEvent.get("data").get("line2").asString()).isEqualTo("3rd floor");
        assertThat(updatedEvent.get("data").get("updatedAt"))
                .isEqualTo(updated.json().get("updatedAt"));
        assertThat(updatedEvent.get("data").get("addressCode").asString()).isEqualTo("SHIP-1");
        assertThat(updatedEvent.get("data").get("customerCode").asString()).isEqualTo("C-1");

        JsonNode deletedEvent =
                api.envelopes(tenant, "customer.address.deleted").getFirst();
        assertThat(deletedEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        JsonNode deleted = deletedEvent.get("data");
        assertThat(deleted.get("id").asString()).isEqualTo(id);
        assertThat(deleted.get("customerId").asString()).isEqualTo(customerId);
        assertThat(deleted.get("customerCode").asString()).isEqualTo("C-1");
        assertThat(deleted.get("addressCode").asString()).isEqualTo("SHIP-1");
        assertThat(deleted.get("deletedAt").asString()).isNotBlank();
    }

    @Test
    void anAddressWithoutATypeIsOtherAndItsOptionalFieldsAreKept() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        Map<String, Object> request = address("BILL-1");
        request.put("line2", "Attn. accounts payable");
        request.put("region", "Noord-Holland");

        JsonNode created = api.post("/v1/customers/" + customerId + "/addresses", request, tenant)
                .json();

        assertThat(created.get("type").asString()).isEqualTo("other");
        assertThat(created.get("line2").asString()).isEqualTo("Attn. accounts payable");
        assertThat(created.get("region").asString()).isEqualTo("Noord-Holland");
        JsonNode patched = api.patch(
                        "/v1/customers/" + customerId + "/addresses/"
                                + created.get("id").asString(),
                        Map.of("type", "billing"),
                        tenant)
                .json();
        assertThat(patched.get("type").asString()).isEqualTo("billing");
        assertThat(patched.get("region").asString()).isEqualTo("Noord-Holland");
    }

    @Test
    void valuesAreChecked() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String neighbour = customer(tenant, "C-2");
        String base = base(customerId);
        String first = create(tenant, customerId, "SHIP-1");

        assertThat(api.post(base, address("A-1", "country", "nl"), tenant).invalidFields())
                .containsExactly("country");
        assertThat(api.post(base, address("A-1", "country", "XX"), tenant).invalidFields())
                .containsExactly("country");
        assertThat(api.post(base, address("A-1", "line1", " "), tenant).invalidFields())
                .containsExactly("line1");
        assertThat(api.post(base, address("bad code!", "type", "home"), tenant).invalidFields())
                .containsExactlyInAnyOrder("code", "type");
        Map<String, Object> incomplete = new HashMap<>();
        incomplete.put("code", "A-1");
        assertThat(api.post(base, incomplete, tenant).invalidFields())
                .containsExactlyInAnyOrder("line1", "postalCode", "city", "country");
        assertThat(api.patch(base + "/" + first, Map.of("country", "Netherlands", "city", " "), tenant)
                        .invalidFields())
                .containsExactlyInAnyOrder("country", "city");
        Response unknownField = api.post(base, address("A-1", "customerId", neighbour), tenant);
        assertThat(unknownField.status()).isEqualTo(400);

        assertThat(api.get(base, tenant).json().get("data")).hasSize(1);
        assertThat(events(tenant, "created")).hasSize(1);
        assertThat(events(tenant, "updated")).isEmpty();
    }

    @Test
    void deletingACustomerDeletesItsAddressesAndContactPersonsWithTheirEventsBeforeItsOwn() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String survivor = customer(tenant, "C-2");
        String home = create(tenant, customerId, "HOME");
        String office = create(tenant, customerId, "OFFICE");
        String nancy = api.post(
                        "/v1/customers/" + customerId + "/contact-persons",
                        Map.of("code", "CP-1", "name", "Nancy"),
                        tenant)
                .json()
                .get("id")
                .asString();
        String kept = create(tenant, survivor, "HOME");
        int before = api.envelopes(tenant, null).size();

        assertThat(api.delete("/v1/customers/" + customerId, tenant).status()).isEqualTo(204);

        List<JsonNode> all = api.envelopes(tenant, null);
        List<JsonNode> cascade = all.subList(before, all.size());
        assertThat(cascade.stream().map(e -> e.get("type").asString()))
                .containsExactly(
                        "customer.address.deleted",
                        "customer.address.deleted",
                        "customer.contactperson.deleted",
                        "customer.deleted");
        assertThat(cascade.stream().map(e -> e.get("data").get("id").asString()))
                .containsExactly(home, office, nancy, customerId);
        assertThat(cascade.stream().map(e -> e.get("data").get("deletedAt").asString()))
                .as("one change, one moment")
                .containsOnly(cascade.getLast().get("data").get("deletedAt").asString());
        for (JsonNode event : cascade.subList(0, 3)) {
            assertThat(event.get("triggeredBy").asString()).isEqualTo("usr_test");
            assertThat(event.get("data").get("customerId").asString()).isEqualTo(customerId);
            assertThat(event.get("data").get("customerCode").asString()).isEqualTo("C-1");
        }
        assertThat(cascade.get(0).get("data").get("addressCode").asString()).isEqualTo("HOME");
        assertThat(cascade.get(2).get("data").get("contactPersonCode").asString())
                .isEqualTo("CP-1");

        assertThat(api.get("/v1/customers/" + customerId + "/addresses", tenant).notFound())
                .isEqualTo("customer " + customerId + " does not exist");
        assertThat(api.get("/v1/customers/" + survivor + "/addresses/" + kept, tenant)
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/v1/customers", Map.of("code", "C-1", "name", "Again"), tenant)
                        .status())
                .as("the code is free again")
                .isEqualTo(201);
    }

    @Test
    void aCustomerDeleteThatRollsBackKeepsItsAddressesAndEmitsNothing() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String address = create(tenant, customerId, "HOME");
        inTransactionThatRollsBack(
                tenant, id -> app.bean(CustomerRegistry.class).delete(id, customerId));

        assertThat(api.get("/v1/customers/" + customerId + "/addresses/" + address, tenant)
                        .status())
                .isEqualTo(200);
        assertThat(api.envelopes(tenant, "customer.address.deleted")).isEmpty();
        assertThat(api.envelopes(tenant, "customer.deleted")).isEmpty();
    }
}
