package io.hookline.api.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The rules every kind of record a customer owns follows, run for each kind ({@link
 * AddressApiTests}, {@link ContactPersonApiTests}): reached only through the customer that owns
 * it, events that carry the customer's code as it is, codes unique per customer, scopes, nothing
 * left by a rolled-back change, row-level security, and a gap-free sync with updatedAfter.
 */
abstract class CustomerOwnedApiContract {

    final RunningApp app = RunningApp.shared();
    final ApiClient api = app.client();

    /** The kind's path segment under its customer ({@code addresses}). */
    private final String segment;
    /** The kind's name in problems ({@code address}). */
    private final String name;
    /** The prefix of the kind's event types ({@code customer.address}). */
    private final String eventPrefix;
    /** A field of the kind that takes any short text ({@code city}). */
    private final String textField;
    /** The kind's table's tenant column. */
    private final TableField<?, String> tenantColumn;

    CustomerOwnedApiContract(
            String segment, String name, String eventPrefix, String textField, TableField<?, String> tenantColumn) {
        this.segment = segment;
        this.name = name;
        this.eventPrefix = eventPrefix;
        this.textField = textField;
        this.tenantColumn = tenantColumn;
    }

    /** A valid body that creates one with {@code code}. */
    abstract Map<String, Object> body(String code);

    /** Creates one with {@code code} through the kind's registry, in the caller's transaction. */
    abstract void createInTransaction(TenantId tenant, String customerId, String code);

    String customer(TestTenant tenant, String code) {
        return api.create(tenant, "/v1/customers", Map.of("code", code, "name", "Customer " + code));
    }

    String base(String customerId) {
        return "/v1/customers/" + customerId + "/" + segment;
    }

    String create(TestTenant tenant, String customerId, String code) {
        return api.create(tenant, base(customerId), body(code));
    }

    List<JsonNode> events(TestTenant tenant, String change) {
        return api.envelopes(tenant, eventPrefix + "." + change);
    }

    /** Runs {@code work} as the tenant's caller in a transaction that then rolls back. */
    void inTransactionThatRollsBack(TestTenant tenant, Consumer<TenantId> work) {
        TenantId id = new TenantId(tenant.id());
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        try (var caller = CallerContext.bind(new CallerContext.Caller("usr_test", id))) {
            transaction.executeWithoutResult(status -> {
                work.accept(id);
                status.setRollbackOnly();
            });
        }
    }

    @Test
    void eventsCarryTheCustomersCodeAsItIsWhenTheRecordChanges() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-OLD");
        String id = create(tenant, customerId, "R-1");

        assertThat(api.patch("/v1/customers/" + customerId, Map.of("code", "C-NEW"), tenant)
                        .status())
                .isEqualTo(200);
        String path = base(customerId) + "/" + id;
        assertThat(api.get(path, tenant).status()).isEqualTo(200);
        assertThat(api.patch(path, Map.of(textField, "Changed"), tenant).status())
                .isEqualTo(200);
        assertThat(api.delete(path, tenant).status()).isEqualTo(204);

        assertThat(customerCode(events(tenant, "created"))).isEqualTo("C-OLD");
        assertThat(customerCode(events(tenant, "updated"))).isEqualTo("C-NEW");
        assertThat(customerCode(events(tenant, "deleted"))).isEqualTo("C-NEW");
    }

    private static String customerCode(List<JsonNode> events) {
        return events.getFirst().get("data").get("customerCode").asString();
    }

    @Test
    void aRecordIsOnlyFoundThroughTheCustomerThatOwnsIt() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String owner = customer(tenant, "C-1");
        String neighbour = customer(tenant, "C-2");
        String id = create(tenant, owner, "R-1");
        JsonNode before = api.get(base(owner) + "/" + id, tenant).json();
        String missing = id.substring(0, id.indexOf('_') + 1) + "01JD3Q7ZK8M5W2X9R4T6Y1B0A1";
        String detail = name + " " + id + " does not exist";
        Map<String, Object> change = Map.of(textField, "stolen");

        String wrongCustomer = base(neighbour) + "/" + id;
        assertThat(api.get(wrongCustomer, tenant).notFound()).isEqualTo(detail);
        assertThat(api.patch(wrongCustomer, change, tenant).notFound()).isEqualTo(detail);
        assertThat(api.delete(wrongCustomer, tenant).notFound()).isEqualTo(detail);
        assertThat(api.get(base(neighbour), tenant).json().get("data")).isEmpty();
        assertThat(api.get(base(owner) + "/" + missing, tenant).notFound())
                .isEqualTo(name + " " + missing + " does not exist");

        String otherTenant = base(owner) + "/" + id;
        String customerDetail = "customer " + owner + " does not exist";
        assertThat(api.get(otherTenant, other).notFound()).isEqualTo(customerDetail);
        assertThat(api.patch(otherTenant, change, other).notFound()).isEqualTo(customerDetail);
        assertThat(api.delete(otherTenant, other).notFound()).isEqualTo(customerDetail);
        assertThat(api.get(base(owner), other).notFound()).isEqualTo(customerDetail);
        assertThat(api.post(base(owner), body("R-2"), other).notFound()).isEqualTo(customerDetail);

        String unknown = "cus_01JD3Q7ZK8M5W2X9R4T6Y1B0C1";
        assertThat(api.post(base(unknown), body("R-1"), tenant).notFound())
                .isEqualTo("customer " + unknown + " does not exist");
        assertThat(api.get(base(unknown), tenant).notFound()).isEqualTo("customer " + unknown + " does not exist");

        assertThat(api.get(base(owner) + "/" + id, tenant).json()).isEqualTo(before);
        assertThat(events(tenant, "created")).hasSize(1);
        assertThat(events(tenant, "updated")).isEmpty();
        assertThat(events(tenant, "deleted")).isEmpty();
        assertThat(api.envelopes(other, null)).isEmpty();
    }

    @Test
    void readingNeedsCommerceReadAndChangingNeedsCommerceWrite() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String id = create(tenant, customerId, "R-1");
        String base = base(customerId);
        String readOnly = api.token(List.of(tenant.id()), List.of("commerce:read"));
        String writeOnly = api.token(List.of(tenant.id()), List.of("commerce:write"));

        assertThat(api.get(base + "/" + id, readOnly, tenant.id()).status()).isEqualTo(200);
        assertThat(api.get(base, readOnly, tenant.id()).status()).isEqualTo(200);
        Response refused = api.post(base, body("R-2"), readOnly, tenant.id());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/insufficient-scope");
        assertThat(api.patch(base + "/" + id, Map.of(textField, "Changed"), readOnly, tenant.id())
                        .status())
                .isEqualTo(403);
        assertThat(api.delete(base + "/" + id, readOnly, tenant.id()).status()).isEqualTo(403);
        assertThat(api.get(base, writeOnly, tenant.id()).status()).isEqualTo(403);
        assertThat(events(tenant, "created")).hasSize(1);
        assertThat(events(tenant, "updated")).isEmpty();
    }

    @Test
    void codesAreUniquePerCustomer() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String neighbour = customer(tenant, "C-2");
        String base = base(customerId);
        String first = create(tenant, customerId, "R-1");
        String second = create(tenant, customerId, "R-2");

        Response clash = api.post(base, body("R-1"), tenant);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/code-taken");
        assertThat(clash.json().get("detail").asString())
                .isEqualTo("another " + name + " of this customer has code R-1");
        Response renameClash = api.patch(base + "/" + second, Map.of("code", "R-1"), tenant);
        assertThat(renameClash.status()).isEqualTo(409);
        assertThat(renameClash.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/code-taken");
        assertThat(api.patch(base + "/" + first, Map.of("code", "R-1"), tenant).status())
                .as("keeping its own code is no clash")
                .isEqualTo(200);
        assertThat(api.post(base(neighbour), body("R-1"), tenant).status())
                .as("the same code under another customer")
                .isEqualTo(201);

        assertThat(api.get(base, tenant).json().get("data")).hasSize(2);
        assertThat(events(tenant, "created")).hasSize(3);
        assertThat(events(tenant, "updated"))
                .as("keeping its own code changed nothing, so nothing was emitted")
                .isEmpty();
    }

    @Test
    void aChangeThatRollsBackLeavesNoEvent() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        inTransactionThatRollsBack(tenant, id -> createInTransaction(id, customerId, "GONE"));

        assertThat(api.get(base(customerId), tenant).json().get("data")).isEmpty();
        assertThat(events(tenant, "created")).isEmpty();
    }

    @Test
    void rowLevelSecurityHidesAnotherTenantsRecordsFromAQueryWithoutATenantCondition() {
        TestTenant a = api.newTenant();
        TestTenant b = api.newTenant();
        create(a, customer(a, "C-1"), "R-1");
        create(b, customer(b, "C-1"), "R-1");
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        DSLContext dsl = app.bean(DSLContext.class);
        TableField<?, String> tenantId = tenantColumn;

        List<String> seenByA = CallerContext.callAs(
                new CallerContext.Caller("usr_test", new TenantId(a.id())),
                () -> Objects.requireNonNull(transaction.execute(
                        status -> dsl.select(tenantId).from(tenantId.getTable()).fetch(tenantId))));

        assertThat(seenByA).containsExactly(a.id());
    }

    /**
     * An integrator syncs a customer's records: it remembers where it stopped, some change, and
     * paging from there with updatedAfter yields exactly the changed ones, once each, in the order
     * they changed — never another customer's.
     */
    @Test
    void pagingWithUpdatedAfterFromAMidPointYieldsExactlyTheChangedRecordsOnce() {
        TestTenant tenant = api.newTenant();
        String customerId = customer(tenant, "C-1");
        String neighbour = customer(tenant, "C-2");
        String base = base(customerId);
        List<String> ids = new ArrayList<>();
        String midPoint = "";
        for (int i = 0; i < 30; i++) {
            Response created = api.post(base, body("R-" + i), tenant);
            ids.add(created.json().get("id").asString());
            midPoint = created.json().get("updatedAt").asString();
        }
        String neighbours = create(tenant, neighbour, "R-0");

        List<String> changed = new ArrayList<>();
        for (int i : List.of(27, 3, 14, 0, 21, 8, 29)) {
            assertThat(api.patch(base + "/" + ids.get(i), Map.of(textField, "Changed " + i), tenant)
                            .status())
                    .isEqualTo(200);
            changed.add(ids.get(i));
        }
        assertThat(api.patch(base(neighbour) + "/" + neighbours, Map.of(textField, "Elsewhere"), tenant)
                        .status())
                .isEqualTo(200);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get(
                    base + "?limit=3&updatedAfter=" + midPoint + (cursor == null ? "" : "&cursor=" + cursor), tenant);
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode record : page.json().get("data")) {
                seen.add(record.get("id").asString());
                assertThat(record.get(textField).asString()).startsWith("Changed ");
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
        Response replayed = api.get(base(neighbour) + "?cursor=" + firstCursor, tenant);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/invalid-cursor");
        assertThat(api.get(base + "?limit=101", tenant).status()).isEqualTo(400);
    }
}
