package io.hookline.api.customer;

import static io.hookline.domain.jooq.Tables.CUSTOMER_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.customer.CustomerRegistry;
import io.hookline.domain.customer.address.AddressChanges;
import io.hookline.domain.customer.address.AddressRegistry;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class AddressApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private String customer(TestTenant tenant, String code) {
        return api.create(tenant, "/v1/customers", Map.of("code", code, "name", "Customer " + code));
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

    private String createAddress(TestTenant tenant, String customerId, String code) {
        return api.create(tenant, "/v1/customers/" + customerId + "/addresses", address(code));
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
    void eventsCarryTheCustomersCodeAsItIsWhenTheAddressChanges() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-OLD");
        String id = createAddress(tenant, customerId, "SHIP-1");

        assertThat(api.patch("/v1/customers/" + customerId, Map.of("code", "C-NEW"), tenant)
                        .status())
                .isEqualTo(200);
        String path = "/v1/customers/" + customerId + "/addresses/" + id;
        assertThat(api.get(path, tenant).status()).isEqualTo(200);
        assertThat(api.patch(path, Map.of("city", "Utrecht"), tenant).status()).isEqualTo(200);
        assertThat(api.delete(path, tenant).status()).isEqualTo(204);

        assertThat(api.envelopes(tenant, "customer.address.created")
                        .getFirst()
                        .get("data")
                        .get("customerCode")
                        .asString())
                .isEqualTo("C-OLD");
        assertThat(api.envelopes(tenant, "customer.address.updated")
                        .getFirst()
                        .get("data")
                        .get("customerCode")
                        .asString())
                .isEqualTo("C-NEW");
        assertThat(api.envelopes(tenant, "customer.address.deleted")
                        .getFirst()
                        .get("data")
                        .get("customerCode")
                        .asString())
                .isEqualTo("C-NEW");
    }

    @Test
    void anAddressIsOnlyFoundThroughTheCustomerThatOwnsIt() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String owner = customer(tenant, "C-1");
        String neighbour = customer(tenant, "C-2");
        String id = createAddress(tenant, owner, "SHIP-1");
        String missing = "adr_01JD3Q7ZK8M5W2X9R4T6Y1B0A1";
        String detail = "address " + id + " does not exist";

        String wrongCustomer = "/v1/customers/" + neighbour + "/addresses/" + id;
        assertThat(api.get(wrongCustomer, tenant).notFound()).isEqualTo(detail);
        assertThat(api.patch(wrongCustomer, Map.of("city", "stolen"), tenant).notFound())
                .isEqualTo(detail);
        assertThat(api.delete(wrongCustomer, tenant).notFound()).isEqualTo(detail);
        assertThat(api.get("/v1/customers/" + neighbour + "/addresses", tenant)
                        .json()
                        .get("data"))
                .isEmpty();
        assertThat(api.get("/v1/customers/" + owner + "/addresses/" + missing, tenant)
                        .notFound())
                .isEqualTo("address " + missing + " does not exist");

        String otherTenant = "/v1/customers/" + owner + "/addresses/" + id;
        String customerDetail = "customer " + owner + " does not exist";
        assertThat(api.get(otherTenant, other).notFound()).isEqualTo(customerDetail);
        assertThat(api.patch(otherTenant, Map.of("city", "stolen"), other).notFound())
                .isEqualTo(customerDetail);
        assertThat(api.delete(otherTenant, other).notFound()).isEqualTo(customerDetail);
        assertThat(api.get("/v1/customers/" + owner + "/addresses", other).notFound())
                .isEqualTo(customerDetail);
        assertThat(api.post("/v1/customers/" + owner + "/addresses", address("SHIP-2"), other)
                        .notFound())
                .isEqualTo(customerDetail);

        String unknown = "cus_01JD3Q7ZK8M5W2X9R4T6Y1B0C1";
        assertThat(api.post("/v1/customers/" + unknown + "/addresses", address("SHIP-1"), tenant)
                        .notFound())
                .isEqualTo("customer " + unknown + " does not exist");
        assertThat(api.get("/v1/customers/" + unknown + "/addresses", tenant).notFound())
                .isEqualTo("customer " + unknown + " does not exist");

        JsonNode unchanged =
                api.get("/v1/customers/" + owner + "/addresses/" + id, tenant).json();
        assertThat(unchanged.get("city").asString()).isEqualTo("Amsterdam");
        assertThat(api.envelopes(tenant, "customer.address.created")).hasSize(1);
        assertThat(api.envelopes(tenant, "customer.address.updated")).isEmpty();
        assertThat(api.envelopes(tenant, "customer.address.deleted")).isEmpty();
        assertThat(api.envelopes(other, null)).isEmpty();
    }

    @Test
    void readingNeedsCommerceReadAndChangingNeedsCommerceWrite() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String id = createAddress(tenant, customerId, "HOME");
        String base = "/v1/customers/" + customerId + "/addresses";
        String readOnly = api.token(List.of(tenant.id()), List.of("commerce:read"));
        String writeOnly = api.token(List.of(tenant.id()), List.of("commerce:write"));

        assertThat(api.get(base + "/" + id, readOnly, tenant.id()).status()).isEqualTo(200);
        assertThat(api.get(base, readOnly, tenant.id()).status()).isEqualTo(200);
        Response refused = api.post(base, address("OFFICE"), readOnly, tenant.id());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/insufficient-scope");
        assertThat(api.patch(base + "/" + id, Map.of("city", "Utrecht"), readOnly, tenant.id())
                        .status())
                .isEqualTo(403);
        assertThat(api.delete(base + "/" + id, readOnly, tenant.id()).status()).isEqualTo(403);
        assertThat(api.get(base, writeOnly, tenant.id()).status()).isEqualTo(403);
        assertThat(api.envelopes(tenant, "customer.address.created")).hasSize(1);
        assertThat(api.envelopes(tenant, "customer.address.updated")).isEmpty();
    }

    @Test
    void codesAreUniquePerCustomerAndValuesAreChecked() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String neighbour = customer(tenant, "C-2");
        String base = "/v1/customers/" + customerId + "/addresses";
        String first = createAddress(tenant, customerId, "SHIP-1");
        String second = createAddress(tenant, customerId, "SHIP-2");

        Response clash = api.post(base, address("SHIP-1"), tenant);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/code-taken");
        Response renameClash = api.patch(base + "/" + second, Map.of("code", "SHIP-1"), tenant);
        assertThat(renameClash.status()).isEqualTo(409);
        assertThat(renameClash.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/code-taken");
        assertThat(api.patch(base + "/" + first, Map.of("code", "SHIP-1"), tenant)
                        .status())
                .as("keeping its own code is no clash")
                .isEqualTo(200);
        assertThat(api.post("/v1/customers/" + neighbour + "/addresses", address("SHIP-1"), tenant)
                        .status())
                .as("the same code under another customer")
                .isEqualTo(201);

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

        assertThat(api.get(base, tenant).json().get("data")).hasSize(2);
        assertThat(api.envelopes(tenant, "customer.address.created")).hasSize(3);
        assertThat(api.envelopes(tenant, "customer.address.updated"))
                .as("keeping its own code changed nothing, so nothing was emitted")
                .isEmpty();
    }

    @Test
    void aChangeThatRollsBackLeavesNoEvent() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        TenantId id = new TenantId(tenant.id());
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));

        try (var caller = CallerContext.bind(new CallerContext.Caller("usr_test", id))) {
            transaction.executeWithoutResult(status -> {
                app.bean(AddressRegistry.class)
                        .create(
                                id,
                                customerId,
                                new AddressChanges("GONE", null, "Nowhere 1", null, "0000", "Nowhere", null, "NL"));
                status.setRollbackOnly();
            });
        }

        assertThat(api.get("/v1/customers/" + customerId + "/addresses", tenant)
                        .json()
                        .get("data"))
                .isEmpty();
        assertThat(api.envelopes(tenant, "customer.address.created")).isEmpty();
    }

    @Test
    void deletingACustomerDeletesItsAddressesAndContactPersonsWithTheirEventsBeforeItsOwn() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String survivor = customer(tenant, "C-2");
        String home = createAddress(tenant, customerId, "HOME");
        String office = createAddress(tenant, customerId, "OFFICE");
        String nancy = api.post(
                        "/v1/customers/" + customerId + "/contact-persons",
                        Map.of("code", "CP-1", "name", "Nancy"),
                        tenant)
                .json()
                .get("id")
                .asString();
        String kept = createAddress(tenant, survivor, "HOME");
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
        String address = createAddress(tenant, customerId, "HOME");
        TenantId id = new TenantId(tenant.id());
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));

        try (var caller = CallerContext.bind(new CallerContext.Caller("usr_test", id))) {
            transaction.executeWithoutResult(status -> {
                app.bean(CustomerRegistry.class).delete(id, customerId);
                status.setRollbackOnly();
            });
        }

        assertThat(api.get("/v1/customers/" + customerId + "/addresses/" + address, tenant)
                        .status())
                .isEqualTo(200);
        assertThat(api.envelopes(tenant, "customer.address.deleted")).isEmpty();
        assertThat(api.envelopes(tenant, "customer.deleted")).isEmpty();
    }

    @Test
    void rowLevelSecurityHidesAnotherTenantsAddressesFromAQueryWithoutATenantCondition() {
        TestTenant a = api.newTenant();
        TestTenant b = api.newTenant();
        createAddress(a, customer(a, "C-1"), "HOME");
        createAddress(b, customer(b, "C-1"), "HOME");
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        DSLContext dsl = app.bean(DSLContext.class);

        List<String> seenByA = CallerContext.callAs(
                new CallerContext.Caller("usr_test", new TenantId(a.id())),
                () -> Objects.requireNonNull(transaction.execute(status -> dsl.select(CUSTOMER_ADDRESS.TENANT_ID)
                        .from(CUSTOMER_ADDRESS)
                        .fetch(CUSTOMER_ADDRESS.TENANT_ID))));

        assertThat(seenByA).containsExactly(a.id());
    }

    /**
     * An integrator syncs a customer's addresses: it remembers where it stopped, some addresses
     * change, and paging from there with updatedAfter yields exactly the changed ones, once each,
     * in the order they changed — never another customer's.
     */
    @Test
    void pagingWithUpdatedAfterFromAMidPointYieldsExactlyTheChangedAddressesOnce() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String neighbour = customer(tenant, "C-2");
        String base = "/v1/customers/" + customerId + "/addresses";
        List<String> ids = new ArrayList<>();
        String midPoint = "";
        for (int i = 0; i < 30; i++) {
            Response created = api.post(base, address("A-" + i), tenant);
            ids.add(created.json().get("id").asString());
            midPoint = created.json().get("updatedAt").asString();
        }
        String neighbourAddress = createAddress(tenant, neighbour, "A-0");

        List<String> changed = new ArrayList<>();
        for (int i : List.of(27, 3, 14, 0, 21, 8, 29)) {
            String path = base + "/" + ids.get(i);
            assertThat(api.patch(path, Map.of("city", "Changed " + i), tenant).status())
                    .isEqualTo(200);
            changed.add(ids.get(i));
        }
        assertThat(api.patch(
                                "/v1/customers/" + neighbour + "/addresses/" + neighbourAddress,
                                Map.of("city", "Elsewhere"),
                                tenant)
                        .status())
                .isEqualTo(200);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get(
                    base + "?limit=3&updatedAfter=" + midPoint + (cursor == null ? "" : "&cursor=" + cursor), tenant);
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode address : page.json().get("data")) {
                seen.add(address.get("id").asString());
                assertThat(address.get("city").asString()).startsWith("Changed ");
            }
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
            assertThat(page.header("Link") != null).isEqualTo(cursor != null);
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(changed);
        assertThat(pages).isEqualTo(3);
        assertThat(api.get(base + "?limit=100&createdAfter=" + midPoint, tenant)
                        .json()
                        .get("data"))
                .isEmpty();
        assertThat(api.get(base + "?limit=100", tenant).json().get("data")).hasSize(30);

        String firstCursor =
                api.get(base + "?limit=3", tenant).json().get("nextCursor").asString();
        Response replayed = api.get("/v1/customers/" + neighbour + "/addresses?cursor=" + firstCursor, tenant);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/invalid-cursor");
        assertThat(api.get(base + "?limit=101", tenant).status()).isEqualTo(400);
    }
}
