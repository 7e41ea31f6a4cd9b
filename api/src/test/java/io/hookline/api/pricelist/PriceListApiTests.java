package io.hookline.api.pricelist;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.pricelist.PriceListChanges;
import io.hookline.domain.pricelist.PriceListRegistry;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class PriceListApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private String create(TestTenant tenant, String code) {
        Response created =
                api.post("/v1/price-lists", Map.of("code", code, "name", "List " + code, "currency", "EUR"), tenant);
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void everyChangeEmitsItsEventWithThePriceListAsTheApiReturnsIt() {
        TestTenant tenant = api.newTenant();

        Response created = api.post(
                "/v1/price-lists",
                Map.of("code", "RESELLER-EUR", "name", "Reseller prices", "currency", "EUR"),
                tenant);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(id).startsWith("prl_");
        assertThat(created.header("Location")).isEqualTo("/v1/price-lists/" + id);
        assertThat(api.get("/v1/price-lists/" + id, tenant)
                        .json()
                        .get("currency")
                        .asString())
                .isEqualTo("EUR");
        Response updated = api.patch("/v1/price-lists/" + id, Map.of("currency", "USD"), tenant);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("currency").asString()).isEqualTo("USD");
        assertThat(updated.json().get("name").asString()).isEqualTo("Reseller prices");
        assertThat(api.delete("/v1/price-lists/" + id, tenant).status()).isEqualTo(204);
        assertThat(api.get("/v1/price-lists/" + id, tenant).status()).isEqualTo(404);

        JsonNode createdEvent =
                api.events(tenant, "pricelist.created").getFirst().get("envelope");
        assertThat(createdEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        assertThat(createdEvent.get("siteId").isNull()).isTrue();
        JsonNode data = createdEvent.get("data");
        assertThat(data.get("id").asString()).isEqualTo(id);
        assertThat(data.get("code").asString()).isEqualTo("RESELLER-EUR");
        assertThat(data.get("priceListCode").asString()).isEqualTo("RESELLER-EUR");
        assertThat(data.get("name").asString()).isEqualTo("Reseller prices");
        assertThat(data.get("currency").asString()).isEqualTo("EUR");
        assertThat(data.get("createdAt").asString())
                .isEqualTo(created.json().get("createdAt").asString());
        JsonNode updatedEvent =
                api.events(tenant, "pricelist.updated").getFirst().get("envelope");
        assertThat(updatedEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        assertThat(updatedEvent.get("data").get("currency").asString()).isEqualTo("USD");
        assertThat(updatedEvent.get("data").get("priceListCode").asString()).isEqualTo("RESELLER-EUR");
        JsonNode deleted = api.events(tenant, "pricelist.deleted").getFirst().get("envelope");
        assertThat(deleted.get("triggeredBy").asString()).isEqualTo("usr_test");
        assertThat(deleted.get("data").get("id").asString()).isEqualTo(id);
        assertThat(deleted.get("data").get("priceListCode").asString()).isEqualTo("RESELLER-EUR");
        assertThat(deleted.get("data").has("deletedAt")).isTrue();
    }

    @Test
    void aChangeThatRollsBackLeavesNoEvent() {
        TestTenant tenant = api.newTenant();
        TenantId id = new TenantId(tenant.id());
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));

        try (var caller = CallerContext.bind(new CallerContext.Caller("usr_test", id))) {
            transaction.executeWithoutResult(status -> {
                app.bean(PriceListRegistry.class).create(id, new PriceListChanges("ROLLED", "Gone", "EUR"));
                status.setRollbackOnly();
            });
        }

        assertThat(api.get("/v1/price-lists", tenant).json().get("data")).isEmpty();
        assertThat(api.get("/v1/events", tenant).json().get("data")).isEmpty();
    }

    @Test
    void codesAreUniquePerTenantAndValuesAreChecked() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String id = create(tenant, "RESELLER");
        String retail = create(tenant, "RETAIL");

        Response clash =
                api.post("/v1/price-lists", Map.of("code", "RESELLER", "name", "B", "currency", "USD"), tenant);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.contentType()).startsWith("application/problem+json");
        JsonNode problem = clash.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://hookline.dev/problems/code-taken");
        assertThat(problem.get("title").asString()).isEqualTo("Code already in use");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("detail").asString()).contains("RESELLER");
        assertThat(problem.get("instance").asString()).isEqualTo("/v1/price-lists");
        assertThat(problem.get("requestId").asString()).isEqualTo(clash.header("X-Request-Id"));
        assertThat(api.patch("/v1/price-lists/" + retail, Map.of("code", "RESELLER"), tenant)
                        .status())
                .isEqualTo(409);
        assertThat(api.post("/v1/price-lists", Map.of("code", "RESELLER", "name", "B", "currency", "EUR"), other)
                        .status())
                .isEqualTo(201);

        Response lowerCase = api.post("/v1/price-lists", Map.of("code", "P-2", "name", "P", "currency", "eur"), tenant);
        assertThat(lowerCase.status()).isEqualTo(422);
        assertThat(lowerCase.json().get("type").asString())
                .isEqualTo("https://hookline.dev/problems/validation-failed");
        assertThat(lowerCase.fieldErrors()).containsExactly("currency");
        Response unknown =
                api.post("/v1/price-lists", Map.of("code", "bad code!", "name", "P", "currency", "XYZ"), tenant);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.fieldErrors()).containsExactlyInAnyOrder("code", "currency");
        Response blank = api.post("/v1/price-lists", Map.of("code", "P-4", "name", " ", "currency", "EUR"), tenant);
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.fieldErrors()).containsExactly("name");
        Response missing = api.post("/v1/price-lists", Map.of("code", "P-3", "name", "P"), tenant);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.fieldErrors()).containsExactly("currency");
        Response badPatch = api.patch("/v1/price-lists/" + id, Map.of("currency", "euro"), tenant);
        assertThat(badPatch.status()).isEqualTo(422);
        assertThat(badPatch.fieldErrors()).containsExactly("currency");
        assertThat(api.get("/v1/price-lists/" + id, tenant)
                        .json()
                        .get("currency")
                        .asString())
                .isEqualTo("EUR");
        assertThat(api.events(tenant, "pricelist.created")).hasSize(2);
        assertThat(api.events(tenant, "pricelist.updated")).isEmpty();
    }

    @Test
    void anotherTenantsPriceListIsNotFound() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String id = create(tenant, "RESELLER");

        Response fetched = api.get("/v1/price-lists/" + id, other);
        assertThat(fetched.status()).isEqualTo(404);
        assertThat(fetched.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/not-found");
        assertThat(api.patch("/v1/price-lists/" + id, Map.of("name", "stolen"), other)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/v1/price-lists/" + id, other).status()).isEqualTo(404);
        assertThat(api.get("/v1/price-lists", other).json().get("data")).isEmpty();
        assertThat(api.get("/v1/price-lists/" + id, tenant).json().get("name").asString())
                .isEqualTo("List RESELLER");
    }

    /**
     * A sync client remembers the last change it saw; afterwards exactly the price lists changed
     * since come back, once each, in the order they changed, across small pages.
     */
    @Test
    void pagingWithUpdatedAfterReturnsExactlyThePriceListsChangedSince() {
        TestTenant tenant = api.newTenant();
        List<String> ids = new ArrayList<>();
        String mark = "";
        for (int i = 0; i < 10; i++) {
            Response created =
                    api.post("/v1/price-lists", Map.of("code", "P-" + i, "name", "v1", "currency", "EUR"), tenant);
            ids.add(created.json().get("id").asString());
            mark = created.json().get("updatedAt").asString();
        }
        for (int i : List.of(4, 0, 9)) {
            assertThat(api.patch("/v1/price-lists/" + ids.get(i), Map.of("name", "v2"), tenant)
                            .status())
                    .isEqualTo(200);
        }

        List<JsonNode> changed = api.pageAll(tenant, "/v1/price-lists?limit=2&updatedAfter=" + mark);

        assertThat(changed).extracting(p -> p.get("id").asString()).containsExactly(ids.get(4), ids.get(0), ids.get(9));
        assertThat(changed).allSatisfy(p -> assertThat(p.get("name").asString()).isEqualTo("v2"));
        List<JsonNode> all = api.pageAll(tenant, "/v1/price-lists?limit=3");
        assertThat(all)
                .extracting(p -> p.get("id").asString())
                .doesNotHaveDuplicates()
                .hasSize(10);
    }
}
