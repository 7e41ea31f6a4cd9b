package io.hookline.api.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.customer.CustomerChanges;
import io.hookline.domain.customer.CustomerRegistry;
import io.hookline.domain.tenant.Tenant;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class CustomerApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    @Test
    void everyChangeEmitsItsEventWithTheCustomerAsTheApiReturnsIt() {
        TestTenant tenant = api.newTenant();

        Response created = api.post(
                "/v1/customers", Map.of("code", "C-1", "name", "Northwind", "email", "buy@northwind.example"), tenant);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(id).startsWith("cus_");
        Response updated = api.patch("/v1/customers/" + id, Map.of("name", "Northwind Traders"), tenant);
        assertThat(updated.json().get("email").asString()).isEqualTo("buy@northwind.example");
        assertThat(api.delete("/v1/customers/" + id, tenant).status()).isEqualTo(204);
        assertThat(api.get("/v1/customers/" + id, tenant).status()).isEqualTo(404);

        JsonNode createdEvent =
                api.events(tenant, "customer.created").getFirst().get("envelope");
        assertThat(createdEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        JsonNode data = createdEvent.get("data");
        assertThat(data.get("id").asString()).isEqualTo(id);
        assertThat(data.get("customerCode").asString()).isEqualTo("C-1");
        assertThat(data.get("name").asString()).isEqualTo("Northwind");
        assertThat(data.get("createdAt").asString())
                .isEqualTo(created.json().get("createdAt").asString());
        assertThat(api.events(tenant, "customer.updated")
                        .getFirst()
                        .get("envelope")
                        .get("data")
                        .get("name")
                        .asString())
                .isEqualTo("Northwind Traders");
        JsonNode deleted = api.events(tenant, "customer.deleted")
                .getFirst()
                .get("envelope")
                .get("data");
        assertThat(deleted.get("id").asString()).isEqualTo(id);
        assertThat(deleted.get("customerCode").asString()).isEqualTo("C-1");
    }

    @Test
    void aChangeThatRollsBackLeavesNoEvent() {
        TestTenant tenant = api.newTenant();
        TenantId id = new TenantId(tenant.id());
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));

        try (var caller = CallerContext.bind(new CallerContext.Caller("usr_test", id))) {
            transaction.executeWithoutResult(status -> {
                app.bean(CustomerRegistry.class).create(id, new CustomerChanges("C-ROLLED", "Gone", null));
                status.setRollbackOnly();
            });
        }

        assertThat(api.get("/v1/customers", tenant).json().get("data")).isEmpty();
        assertThat(api.get("/v1/events", tenant).json().get("data")).isEmpty();
    }

    @Test
    void codesAreUniquePerTenantAndValuesAreChecked() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String id = api.post("/v1/customers", Map.of("code", "C-1", "name", "A"), tenant)
                .json()
                .get("id")
                .asString();

        Response clash = api.post("/v1/customers", Map.of("code", "C-1", "name", "B"), tenant);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/code-taken");
        assertThat(api.post("/v1/customers", Map.of("code", "C-1", "name", "B"), other)
                        .status())
                .isEqualTo(201);
        Response invalid =
                api.post("/v1/customers", Map.of("code", "bad code!", "name", "Fine", "email", "nope"), tenant);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString())
                        .toList())
                .containsExactlyInAnyOrder("code", "email");
        Response blank = api.post("/v1/customers", Map.of("code", "C-2", "name", " "), tenant);
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(api.get("/v1/customers/" + id, other).status()).isEqualTo(404);
        assertThat(api.patch("/v1/customers/" + id, Map.of("name", "stolen"), other)
                        .status())
                .isEqualTo(404);
        assertThat(api.events(tenant, "customer.created")).hasSize(1);
    }

    /**
     * An integrator syncs with updatedAfter while 250 customers change under it. Whatever it
     * has seen at the end is the database's final state, and it never saw one version twice.
     */
    @Test
    void aClientSyncingWhileDataChangesSeesEveryChangeExactlyOnce() throws Exception {
        TestTenant tenant = api.newTenant(new Tenant.RateLimit(100_000, 10, 10), 3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ids.add(api.post("/v1/customers", Map.of("code", "C-" + i, "name", "v1-" + i), tenant)
                    .json()
                    .get("id")
                    .asString());
        }
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 249; i >= 0; i--) {
                assertThat(api.patch("/v1/customers/" + ids.get(i), Map.of("name", "v2-" + i), tenant)
                                .status())
                        .isEqualTo(200);
            }
        });

        Map<String, String> seen = new HashMap<>();
        Set<String> versions = new HashSet<>();
        String since = "1970-01-01T00:00:00Z";
        boolean writerDone = false;
        while (true) {
            boolean quiet = writerDone;
            String cursor = null;
            do {
                String path =
                        "/v1/customers?limit=20&updatedAfter=" + since + (cursor == null ? "" : "&cursor=" + cursor);
                JsonNode page = api.get(path, tenant).json();
                for (JsonNode customer : page.get("data")) {
                    assertThat(versions.add(customer.get("id").asString() + "@"
                                    + customer.get("updatedAt").asString()))
                            .as("a version seen twice")
                            .isTrue();
                    seen.put(customer.get("id").asString(), customer.get("name").asString());
                    since = customer.get("updatedAt").asString();
                    quiet = false;
                }
                cursor = page.get("nextCursor").isNull()
                        ? null
                        : page.get("nextCursor").asString();
            } while (cursor != null);
            if (quiet) {
                break;
            }
            writerDone = writer.isDone();
        }
        writer.get();

        assertThat(seen).hasSize(250);
        for (int i = 0; i < 250; i++) {
            assertThat(seen.get(ids.get(i))).isEqualTo("v2-" + i);
        }
        assertThat(versions).hasSizeBetween(250, 500);
    }
}
