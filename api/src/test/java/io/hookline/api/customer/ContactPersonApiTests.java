package io.hookline.api.customer;

import static io.hookline.domain.jooq.Tables.CUSTOMER_CONTACT_PERSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.domain.customer.contactperson.ContactPersonChanges;
import io.hookline.domain.customer.contactperson.ContactPersonRegistry;
import io.hookline.tenancy.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A customer's contact persons; what they share with addresses is in {@link CustomerOwnedApiContract}. */
class ContactPersonApiTests extends CustomerOwnedApiContract {

    ContactPersonApiTests() {
        super("contact-persons", "contact person", "customer.contactperson", "name", CUSTOMER_CONTACT_PERSON.TENANT_ID);
    }

    @Override
    Map<String, Object> body(String code) {
        return person(code);
    }

    @Override
    void createInTransaction(TenantId tenant, String customerId, String code) {
        app.bean(ContactPersonRegistry.class)
                .create(tenant, customerId, new ContactPersonChanges(code, "Gone", null, null));
    }

    private static Map<String, Object> person(String code, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", "Nancy Davolio");
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    @Test
    void everyChangeEmitsItsEventWithTheContactPersonAsTheApiReturnsItAndItsCodes() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String base = "/v1/customers/" + customerId + "/contact-persons";

        Response created = api.post(base, person("CP-7", "email", "nancy@northwind.example"), tenant);
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").asString();
        assertThat(id).startsWith("cnt_");
        assertThat(created.header("Location")).isEqualTo(base + "/" + id);
        assertThat(body.get("customerId").asString()).isEqualTo(customerId);
        assertThat(body.get("code").asString()).isEqualTo("CP-7");
        assertThat(body.get("name").asString()).isEqualTo("Nancy Davolio");
        assertThat(body.get("email").asString()).isEqualTo("nancy@northwind.example");
        assertThat(body.get("phone").isNull()).isTrue();
        assertThat(api.get(base + "/" + id, tenant).json()).isEqualTo(body);
        assertThat(api.get(base, tenant).json().get("data")).containsExactly(body);

        Response updated = api.patch(base + "/" + id, Map.of("phone", "+31 20 555 0100"), tenant);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("phone").asString()).isEqualTo("+31 20 555 0100");
        assertThat(updated.json().get("email").asString()).isEqualTo("nancy@northwind.example");
        assertThat(api.delete(base + "/" + id, tenant).status()).isEqualTo(204);
        assertThat(api.get(base + "/" + id, tenant).notFound()).isEqualTo("contact person " + id + " does not exist");

        JsonNode createdEvent =
                api.envelopes(tenant, "customer.contactperson.created").getFirst();
        assertThat(createdEvent.get("type").asString()).isEqualTo("customer.contactperson.created");
        assertThat(createdEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        JsonNode data = createdEvent.get("data");
        for (String field : List.of("id", "customerId", "code", "name", "email", "createdAt", "updatedAt")) {
            assertThat(data.get(field)).as(field).isEqualTo(body.get(field));
        }
        assertThat(data.get("phone").isNull()).isTrue();
        assertThat(data.get("contactPersonCode").asString()).isEqualTo("CP-7");
        assertThat(data.get("customerCode").asString()).isEqualTo("C-1");

        JsonNode updatedEvent =
                api.envelopes(tenant, "customer.contactperson.updated").getFirst();
        assertThat(updatedEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        assertThat(updatedEvent.get("data").get("phone").asString()).isEqualTo("+31 20 555 0100");
        assertThat(updatedEvent.get("data").get("updatedAt"))
                .isEqualTo(updated.json().get("updatedAt"));
        assertThat(updatedEvent.get("data").get("contactPersonCode").asString()).isEqualTo("CP-7");
        assertThat(updatedEvent.get("data").get("customerCode").asString()).isEqualTo("C-1");

        JsonNode deletedEvent =
                api.envelopes(tenant, "customer.contactperson.deleted").getFirst();
        assertThat(deletedEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        JsonNode deleted = deletedEvent.get("data");
        assertThat(deleted.get("id").asString()).isEqualTo(id);
        assertThat(deleted.get("customerId").asString()).isEqualTo(customerId);
        assertThat(deleted.get("customerCode").asString()).isEqualTo("C-1");
        assertThat(deleted.get("contactPersonCode").asString()).isEqualTo("CP-7");
        assertThat(deleted.get("deletedAt").asString()).isNotBlank();
    }

    @Test
    void valuesAreChecked() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String base = base(customerId);
        String first = create(tenant, customerId, "CP-1");

        assertThat(api.post(base, person("CP-3", "email", "nancy-at-northwind"), tenant)
                        .invalidFields())
                .containsExactly("email");
        assertThat(api.post(base, person("CP-3", "name", " "), tenant).invalidFields())
                .containsExactly("name");
        assertThat(api.post(base, person("CP 3!", "phone", "call me"), tenant).invalidFields())
                .containsExactlyInAnyOrder("code", "phone");
        assertThat(api.post(base, Map.of("name", "No Code"), tenant).invalidFields())
                .containsExactly("code");
        assertThat(api.post(base, Map.of("code", "CP-3"), tenant).invalidFields())
                .containsExactly("name");
        assertThat(api.patch(base + "/" + first, Map.of("email", "@", "phone", "12"), tenant)
                        .invalidFields())
                .containsExactlyInAnyOrder("email", "phone");

        assertThat(api.get(base, tenant).json().get("data")).hasSize(1);
        assertThat(events(tenant, "created")).hasSize(1);
        assertThat(events(tenant, "updated")).isEmpty();
    }

    @Test
    void deletingACustomerDeletesItsContactPersonsEachWithItsEventBeforeTheCustomersOwn() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String survivor = customer(tenant, "C-2");
        String first = create(tenant, customerId, "CP-1");
        String second = create(tenant, customerId, "CP-2");
        String kept = create(tenant, survivor, "CP-1");
        int before = api.envelopes(tenant, null).size();

        assertThat(api.delete("/v1/customers/" + customerId, tenant).status()).isEqualTo(204);

        List<JsonNode> all = api.envelopes(tenant, null);
        List<JsonNode> cascade = all.subList(before, all.size());
        assertThat(cascade.stream().map(e -> e.get("type").asString()))
                .containsExactly(
                        "customer.contactperson.deleted", "customer.contactperson.deleted", "customer.deleted");
        assertThat(cascade.stream().map(e -> e.get("data").get("id").asString()))
                .containsExactly(first, second, customerId);
        assertThat(cascade.stream().map(e -> e.get("data").get("contactPersonCode")))
                .filteredOn(code -> code != null)
                .extracting(JsonNode::asString)
                .containsExactly("CP-1", "CP-2");
        assertThat(api.get("/v1/customers/" + survivor + "/contact-persons/" + kept, tenant)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/customers/" + customerId + "/contact-persons/" + first, tenant)
                        .notFound())
                .isEqualTo("customer " + customerId + " does not exist");
    }
}
