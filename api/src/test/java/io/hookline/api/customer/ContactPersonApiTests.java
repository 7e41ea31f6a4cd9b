package io.hookline.api.customer;

import static io.hookline.domain.jooq.Tables.CUSTOMER_CONTACT_PERSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.customer.contactperson.ContactPersonChanges;
import io.hookline.domain.customer.contactperson.ContactPersonRegistry;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class ContactPersonApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private String customer(TestTenant tenant, String code) {
        return api.create(tenant, "/v1/customers", Map.of("code", code, "name", "Customer " + code));
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

    private String createPerson(TestTenant tenant, String customerId, String code) {
        return api.create(tenant, "/v1/customers/" + customerId + "/contact-persons", person(code));
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
    void eventsCarryTheCustomersCodeAsItIsWhenTheContactPersonChanges() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-OLD");
        String id = createPerson(tenant, customerId, "CP-1");

        assertThat(api.patch("/v1/customers/" + customerId, Map.of("code", "C-NEW"), tenant)
                        .status())
                .isEqualTo(200);
        String path = "/v1/customers/" + customerId + "/contact-persons/" + id;
        assertThat(api.get(path, tenant).status()).isEqualTo(200);
        assertThat(api.patch(path, Map.of("name", "Nancy D."), tenant).status()).isEqualTo(200);
        assertThat(api.delete(path, tenant).status()).isEqualTo(204);

        assertThat(api.envelopes(tenant, "customer.contactperson.created")
                        .getFirst()
                        .get("data")
                        .get("customerCode")
                        .asString())
                .isEqualTo("C-OLD");
        assertThat(api.envelopes(tenant, "customer.contactperson.updated")
                        .getFirst()
                        .get("data")
                        .get("customerCode")
                        .asString())
                .isEqualTo("C-NEW");
        assertThat(api.envelopes(tenant, "customer.contactperson.deleted")
                        .getFirst()
                        .get("data")
                        .get("customerCode")
                        .asString())
                .isEqualTo("C-NEW");
    }

    @Test
    void aContactPersonIsOnlyFoundThroughTheCustomerThatOwnsIt() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String owner = customer(tenant, "C-1");
        String neighbour = customer(tenant, "C-2");
        String id = createPerson(tenant, owner, "CP-1");
        String detail = "contact person " + id + " does not exist";

        String wrongCustomer = "/v1/customers/" + neighbour + "/contact-persons/" + id;
        assertThat(api.get(wrongCustomer, tenant).notFound()).isEqualTo(detail);
        assertThat(api.patch(wrongCustomer, Map.of("name", "stolen"), tenant).notFound())
                .isEqualTo(detail);
        assertThat(api.delete(wrongCustomer, tenant).notFound()).isEqualTo(detail);
        assertThat(api.get("/v1/customers/" + neighbour + "/contact-persons", tenant)
                        .json()
                        .get("data"))
                .isEmpty();

        String otherTenant = "/v1/customers/" + owner + "/contact-persons/" + id;
        String customerDetail = "customer " + owner + " does not exist";
        assertThat(api.get(otherTenant, other).notFound()).isEqualTo(customerDetail);
        assertThat(api.patch(otherTenant, Map.of("name", "stolen"), other).notFound())
                .isEqualTo(customerDetail);
        assertThat(api.delete(otherTenant, other).notFound()).isEqualTo(customerDetail);
        assertThat(api.get("/v1/customers/" + owner + "/contact-persons", other).notFound())
                .isEqualTo(customerDetail);
        assertThat(api.post("/v1/customers/" + owner + "/contact-persons", person("CP-2"), other)
                        .notFound())
                .isEqualTo(customerDetail);

        String unknown = "cus_01JD3Q7ZK8M5W2X9R4T6Y1B0C1";
        assertThat(api.post("/v1/customers/" + unknown + "/contact-persons", person("CP-1"), tenant)
                        .notFound())
                .isEqualTo("customer " + unknown + " does not exist");

        assertThat(api.get("/v1/customers/" + owner + "/contact-persons/" + id, tenant)
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo("Nancy Davolio");
        assertThat(api.envelopes(tenant, "customer.contactperson.created")).hasSize(1);
        assertThat(api.envelopes(tenant, "customer.contactperson.updated")).isEmpty();
        assertThat(api.envelopes(tenant, "customer.contactperson.deleted")).isEmpty();
        assertThat(api.envelopes(other, null)).isEmpty();
    }

    @Test
    void codesAreUniquePerCustomerAndValuesAreChecked() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String neighbour = customer(tenant, "C-2");
        String base = "/v1/customers/" + customerId + "/contact-persons";
        createPerson(tenant, customerId, "CP-1");
        String second = createPerson(tenant, customerId, "CP-2");

        Response clash = api.post(base, person("CP-1"), tenant);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/code-taken");
        Response renameClash = api.patch(base + "/" + second, Map.of("code", "CP-1"), tenant);
        assertThat(renameClash.status()).isEqualTo(409);
        assertThat(renameClash.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/code-taken");
        assertThat(api.post("/v1/customers/" + neighbour + "/contact-persons", person("CP-1"), tenant)
                        .status())
                .as("the same code under another customer")
                .isEqualTo(201);

        assertThat(api.post(base, person("CP-3", "email", "nancy-at-northwind"), tenant)
                        .invalidFields())
                .containsExactly("email");
        assertThat(api.post(base, person("CP-3", "name", " "), tenant).invalidFields())
                .containsExactly("name");
        assertThat(api.post(base, person("CP 3!", "phone", "call me"), tenant).invalidFields())
                .containsExactlyInAnyOrder("code", "phone");
        assertThat(api.post(base, Map.of("name", "No Code"), tenant).invalidFields())
                .containsExactly("code");
        assertThat(api.patch(base + "/" + second, Map.of("email", "@", "phone", "12"), tenant)
                        .invalidFields())
                .containsExactlyInAnyOrder("email", "phone");

        assertThat(api.get(base, tenant).json().get("data")).hasSize(2);
        assertThat(api.envelopes(tenant, "customer.contactperson.created")).hasSize(3);
        assertThat(api.envelopes(tenant, "customer.contactperson.updated")).isEmpty();
    }

    @Test
    void aChangeThatRollsBackLeavesNoEvent() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        TenantId id = new TenantId(tenant.id());
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));

        try (var caller = CallerContext.bind(new CallerContext.Caller("usr_test", id))) {
            transaction.executeWithoutResult(status -> {
                app.bean(ContactPersonRegistry.class)
                        .create(id, customerId, new ContactPersonChanges("GONE", "Gone", null, null));
                status.setRollbackOnly();
            });
        }

        assertThat(api.get("/v1/customers/" + customerId + "/contact-persons", tenant)
                        .json()
                        .get("data"))
                .isEmpty();
        assertThat(api.envelopes(tenant, "customer.contactperson.created")).isEmpty();
    }

    @Test
    void deletingACustomerDeletesItsContactPersonsEachWithItsEventBeforeTheCustomersOwn() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String survivor = customer(tenant, "C-2");
        String first = createPerson(tenant, customerId, "CP-1");
        String second = createPerson(tenant, customerId, "CP-2");
        String kept = createPerson(tenant, survivor, "CP-1");
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

    @Test
    void rowLevelSecurityHidesAnotherTenantsContactPersonsFromAQueryWithoutATenantCondition() {
        TestTenant a = api.newTenant();
        TestTenant b = api.newTenant();
        createPerson(a, customer(a, "C-1"), "CP-1");
        createPerson(b, customer(b, "C-1"), "CP-1");
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        DSLContext dsl = app.bean(DSLContext.class);

        List<String> seenByA = CallerContext.callAs(
                new CallerContext.Caller("usr_test", new TenantId(a.id())),
                () -> Objects.requireNonNull(transaction.execute(status -> dsl.select(CUSTOMER_CONTACT_PERSON.TENANT_ID)
                        .from(CUSTOMER_CONTACT_PERSON)
                        .fetch(CUSTOMER_CONTACT_PERSON.TENANT_ID))));

        assertThat(seenByA).containsExactly(a.id());
    }

    /**
     * An integrator syncs a customer's contact persons: it remembers where it stopped, some
     * change, and paging from there with updatedAfter yields exactly the changed ones, once
     * each, in the order they changed.
     */
    @Test
    void pagingWithUpdatedAfterFromAMidPointYieldsExactlyTheChangedContactPersonsOnce() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String base = "/v1/customers/" + customerId + "/contact-persons";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(createPerson(tenant, customerId, "CP-" + i));
        }
        // The mid point: a change half way, after which some contact persons change again.
        String midPoint = api.patch(base + "/" + ids.get(10), Map.of("name", "Mid"), tenant)
                .json()
                .get("updatedAt")
                .asString();
        List<String> changed = new ArrayList<>();
        for (int i : List.of(19, 2, 11, 7, 10)) {
            assertThat(api.patch(base + "/" + ids.get(i), Map.of("name", "Changed " + i), tenant)
                            .status())
                    .isEqualTo(200);
            changed.add(ids.get(i));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(
                            base + "?limit=2&updatedAfter=" + midPoint + (cursor == null ? "" : "&cursor=" + cursor),
                            tenant)
                    .json();
            for (JsonNode person : page.get("data")) {
                seen.add(person.get("id").asString());
                assertThat(person.get("name").asString()).startsWith("Changed ");
            }
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(changed);
    }
}
