package io.hookline.api.site;

import static io.hookline.domain.jooq.Tables.PRICE_LIST;
import static io.hookline.domain.jooq.Tables.SITE;
import static io.hookline.domain.jooq.Tables.SITE_USER;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.site.SiteChanges;
import io.hookline.domain.site.SiteRegistry;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class SiteApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private String create(TestTenant tenant, String code) {
        Response created = api.post("/v1/sites", Map.of("code", code, "name", "Site " + code), tenant);
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void everyChangeEmitsItsEventCarryingTheSite() {
        TestTenant tenant = api.newTenant();

        Response created = api.post(
                "/v1/sites",
                Map.of(
                        "code",
                        "WEBSHOP",
                        "name",
                        "Acme Webshop",
                        "url",
                        "https://shop.acme.example",
                        "defaultCurrency",
                        "EUR"),
                tenant);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(id).startsWith("site_");
        assertThat(created.header("Location")).isEqualTo("/v1/sites/" + id);
        JsonNode fetched = api.get("/v1/sites/" + id, tenant).json();
        assertThat(fetched.get("code").asString()).isEqualTo("WEBSHOP");
        assertThat(fetched.get("url").asString()).isEqualTo("https://shop.acme.example");
        assertThat(fetched.get("defaultCurrency").asString()).isEqualTo("EUR");
        Response updated = api.patch("/v1/sites/" + id, Map.of("name", "Acme Store"), tenant);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Acme Store");
        assertThat(updated.json().get("url").asString()).isEqualTo("https://shop.acme.example");
        assertThat(api.delete("/v1/sites/" + id, tenant).status()).isEqualTo(204);
        assertThat(api.get("/v1/sites/" + id, tenant).status()).isEqualTo(404);

        JsonNode createdEvent = api.events(tenant, "site.created").getFirst().get("envelope");
        assertThat(createdEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        assertThat(createdEvent.get("siteId").asString()).isEqualTo(id);
        JsonNode data = createdEvent.get("data");
        assertThat(data.get("id").asString()).isEqualTo(id);
        assertThat(data.get("code").asString()).isEqualTo("WEBSHOP");
        assertThat(data.get("siteCode").asString()).isEqualTo("WEBSHOP");
        assertThat(data.get("name").asString()).isEqualTo("Acme Webshop");
        assertThat(data.get("url").asString()).isEqualTo("https://shop.acme.example");
        assertThat(data.get("defaultCurrency").asString()).isEqualTo("EUR");
        assertThat(data.get("createdAt").asString())
                .isEqualTo(created.json().get("createdAt").asString());
        JsonNode updatedEvent = api.events(tenant, "site.updated").getFirst().get("envelope");
        assertThat(updatedEvent.get("siteId").asString()).isEqualTo(id);
        assertThat(updatedEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        assertThat(updatedEvent.get("data").get("name").asString()).isEqualTo("Acme Store");
        assertThat(updatedEvent.get("data").get("updatedAt").asString())
                .isEqualTo(updated.json().get("updatedAt").asString());
        JsonNode deletedEvent = api.events(tenant, "site.deleted").getFirst().get("envelope");
        assertThat(deletedEvent.get("siteId").asString()).isEqualTo(id);
        assertThat(deletedEvent.get("triggeredBy").asString()).isEqualTo("usr_test");
        assertThat(deletedEvent.get("data").get("id").asString()).isEqualTo(id);
        assertThat(deletedEvent.get("data").get("siteCode").asString()).isEqualTo("WEBSHOP");
        assertThat(deletedEvent.get("data").has("deletedAt")).isTrue();
    }

    @Test
    void deletingASiteDeletesItsUsersEachWithItsEventBeforeTheSitesOwn() {
        TestTenant tenant = api.newTenant();
        String site = create(tenant, "WEBSHOP");
        String other = create(tenant, "OUTLET");
        String jane = api.post(
                        "/v1/sites/" + site + "/users", Map.of("email", "jane@example.com", "name", "Jane"), tenant)
                .json()
                .get("id")
                .asString();
        String john = api.post(
                        "/v1/sites/" + site + "/users",
                        Map.of("email", "john@example.com", "name", "John", "status", "approved"),
                        tenant)
                .json()
                .get("id")
                .asString();
        String kept = api.post(
                        "/v1/sites/" + other + "/users", Map.of("email", "jane@example.com", "name", "Jane"), tenant)
                .json()
                .get("id")
                .asString();

        assertThat(api.delete("/v1/sites/" + site, tenant).status()).isEqualTo(204);

        assertThat(api.get("/v1/sites/" + site + "/users", tenant).status()).isEqualTo(404);
        assertThat(api.get("/v1/sites/" + site + "/users/" + jane, tenant).status())
                .isEqualTo(404);
        assertThat(api.get("/v1/sites/" + other + "/users/" + kept, tenant).status())
                .isEqualTo(200);
        List<JsonNode> userDeletions = api.events(tenant, "site.user.deleted");
        assertThat(userDeletions)
                .extracting(e -> e.get("envelope").get("data").get("id").asString())
                .containsExactly(jane, john);
        for (JsonNode event : userDeletions) {
            JsonNode envelope = event.get("envelope");
            assertThat(envelope.get("siteId").asString()).isEqualTo(site);
            assertThat(envelope.get("triggeredBy").asString()).isEqualTo("usr_test");
            assertThat(envelope.get("data").get("siteId").asString()).isEqualTo(site);
            assertThat(envelope.get("data").get("siteCode").asString()).isEqualTo("WEBSHOP");
            assertThat(envelope.get("data").has("deletedAt")).isTrue();
        }
        String siteDeletion =
                api.events(tenant, "site.deleted").getFirst().get("id").asString();
        assertThat(userDeletions)
                .allSatisfy(e -> assertThat(e.get("id").asString()).isLessThan(siteDeletion));
    }

    @Test
    void aChangeThatRollsBackLeavesNoEvent() {
        TestTenant tenant = api.newTenant();
        TenantId id = new TenantId(tenant.id());
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));

        try (var caller = CallerContext.bind(new CallerContext.Caller("usr_test", id))) {
            transaction.executeWithoutResult(status -> {
                app.bean(SiteRegistry.class).create(id, new SiteChanges("ROLLED", "Gone", null, null));
                status.setRollbackOnly();
            });
        }

        assertThat(api.get("/v1/sites", tenant).json().get("data")).isEmpty();
        assertThat(api.get("/v1/events", tenant).json().get("data")).isEmpty();
    }

    @Test
    void aSiteDeletionThatRollsBackKeepsTheSiteAndItsUsersAndLeavesNoEvent() {
        TestTenant tenant = api.newTenant();
        String site = create(tenant, "WEBSHOP");
        String user = api.post(
                        "/v1/sites/" + site + "/users", Map.of("email", "jane@example.com", "name", "Jane"), tenant)
                .json()
                .get("id")
                .asString();
        TenantId id = new TenantId(tenant.id());
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));

        try (var caller = CallerContext.bind(new CallerContext.Caller("usr_test", id))) {
            transaction.executeWithoutResult(status -> {
                app.bean(SiteRegistry.class).delete(id, site);
                status.setRollbackOnly();
            });
        }

        assertThat(api.get("/v1/sites/" + site + "/users/" + user, tenant).status())
                .isEqualTo(200);
        assertThat(api.events(tenant, "site.user.deleted")).isEmpty();
        assertThat(api.events(tenant, "site.deleted")).isEmpty();
    }

    @Test
    void codesAreUniquePerTenantAndValuesAreChecked() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String id = create(tenant, "WEBSHOP");
        String outlet = create(tenant, "OUTLET");

        Response clash = api.post("/v1/sites", Map.of("code", "WEBSHOP", "name", "Again"), tenant);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.contentType()).startsWith("application/problem+json");
        JsonNode problem = clash.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://hookline.dev/problems/code-taken");
        assertThat(problem.get("title").asString()).isEqualTo("Code already in use");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("detail").asString()).contains("WEBSHOP");
        assertThat(problem.get("instance").asString()).isEqualTo("/v1/sites");
        assertThat(problem.get("requestId").asString()).isEqualTo(clash.header("X-Request-Id"));
        assertThat(api.patch("/v1/sites/" + outlet, Map.of("code", "WEBSHOP"), tenant)
                        .status())
                .isEqualTo(409);
        assertThat(api.post("/v1/sites", Map.of("code", "WEBSHOP", "name", "Theirs"), other)
                        .status())
                .isEqualTo(201);

        Response invalid = api.post(
                "/v1/sites",
                Map.of("code", "bad code!", "name", "Fine", "url", "ftp://shop.example", "defaultCurrency", "eur"),
                tenant);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/validation-failed");
        assertThat(invalid.fieldErrors()).containsExactlyInAnyOrder("code", "url", "defaultCurrency");
        Response blank = api.post("/v1/sites", Map.of("code", "S-2", "name", " "), tenant);
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.fieldErrors()).containsExactly("name");
        Response missing = api.post("/v1/sites", Map.of("name", "No code"), tenant);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.fieldErrors()).containsExactly("code");
        Response badPatch = api.patch("/v1/sites/" + id, Map.of("defaultCurrency", "EURO"), tenant);
        assertThat(badPatch.status()).isEqualTo(422);
        assertThat(badPatch.fieldErrors()).containsExactly("defaultCurrency");
        assertThat(api.patch("/v1/sites/" + id, Map.of("owner", "me"), tenant).status())
                .isEqualTo(400);
        assertThat(api.events(tenant, "site.created")).hasSize(2);
        assertThat(api.events(tenant, "site.updated")).isEmpty();
    }

    @Test
    void anotherTenantsSiteIsNotFound() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String id = create(tenant, "WEBSHOP");

        Response fetched = api.get("/v1/sites/" + id, other);
        assertThat(fetched.status()).isEqualTo(404);
        assertThat(fetched.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/not-found");
        assertThat(api.patch("/v1/sites/" + id, Map.of("name", "stolen"), other).status())
                .isEqualTo(404);
        assertThat(api.delete("/v1/sites/" + id, other).status()).isEqualTo(404);
        assertThat(api.get("/v1/sites", other).json().get("data")).isEmpty();
        assertThat(api.get("/v1/sites/" + id, tenant).json().get("name").asString())
                .isEqualTo("Site WEBSHOP");
        assertThat(api.events(other, "site.updated")).isEmpty();
    }

    @Test
    void aWebhookLimitedToASiteGetsThatSitesEventsOnly() {
        TestTenant tenant = api.newTenant();
        String shop = create(tenant, "WEBSHOP");
        String outlet = create(tenant, "OUTLET");
        String webhook = api.post(
                        "/v1/webhooks",
                        Map.of(
                                "name",
                                "shop only",
                                "url",
                                "https://erp.example.com/hooks",
                                "events",
                                List.of("site.updated", "site.user.created"),
                                "sites",
                                List.of(shop)),
                        tenant)
                .json()
                .get("id")
                .asString();

        api.patch("/v1/sites/" + shop, Map.of("name", "Shop v2"), tenant);
        api.patch("/v1/sites/" + outlet, Map.of("name", "Outlet v2"), tenant);
        api.post("/v1/sites/" + shop + "/users", Map.of("email", "a@example.com", "name", "A"), tenant);
        api.post("/v1/sites/" + outlet + "/users", Map.of("email", "b@example.com", "name", "B"), tenant);

        Map<String, String> siteOfEvent = new HashMap<>();
        for (String type : List.of("site.updated", "site.user.created")) {
            api.events(tenant, type)
                    .forEach(e -> siteOfEvent.put(
                            e.get("id").asString(),
                            e.get("envelope").get("siteId").asString()));
        }
        List<String> delivered = new ArrayList<>();
        api.get("/v1/webhooks/" + webhook + "/deliveries?limit=100", tenant)
                .json()
                .get("data")
                .forEach(d -> delivered.add(d.get("eventType").asString() + "@"
                        + siteOfEvent.get(d.get("eventId").asString())));
        assertThat(delivered).containsExactlyInAnyOrder("site.updated@" + shop, "site.user.created@" + shop);
    }

    /**
     * A sync client remembers the last change it saw; afterwards exactly the sites changed since
     * come back, once each, in the order they changed, across small pages.
     */
    @Test
    void pagingWithUpdatedAfterReturnsExactlyTheSitesChangedSince() {
        TestTenant tenant = api.newTenant();
        List<String> ids = new ArrayList<>();
        String mark = "";
        for (int i = 0; i < 12; i++) {
            Response created = api.post("/v1/sites", Map.of("code", "S-" + i, "name", "v1"), tenant);
            ids.add(created.json().get("id").asString());
            mark = created.json().get("updatedAt").asString();
        }
        for (int i : List.of(7, 2, 10)) {
            assertThat(api.patch("/v1/sites/" + ids.get(i), Map.of("name", "v2"), tenant)
                            .status())
                    .isEqualTo(200);
        }

        List<JsonNode> changed = api.pageAll(tenant, "/v1/sites?limit=2&updatedAfter=" + mark);
        assertThat(changed)
                .extracting(s -> s.get("id").asString())
                .containsExactly(ids.get(7), ids.get(2), ids.get(10));
        assertThat(changed).allSatisfy(s -> assertThat(s.get("name").asString()).isEqualTo("v2"));
        List<JsonNode> all = api.pageAll(tenant, "/v1/sites?limit=5");
        assertThat(all)
                .extracting(s -> s.get("id").asString())
                .doesNotHaveDuplicates()
                .hasSize(12);
        assertThat(all.subList(9, 12))
                .extracting(s -> s.get("id").asString())
                .containsExactly(ids.get(7), ids.get(2), ids.get(10));
        String createdMark = api.get("/v1/sites/" + ids.get(5), tenant)
                .json()
                .get("createdAt")
                .asString();
        assertThat(api.pageAll(tenant, "/v1/sites?limit=4&createdAfter=" + createdMark))
                .extracting(s -> s.get("id").asString())
                .containsExactlyInAnyOrderElementsOf(ids.subList(6, 12));
    }

    /** Every page of a list from {@code path}, following nextCursor and checking the Link header agrees. */
    @Test
    void aQueryWithoutATenantConditionStillSeesOnlyTheCallersSitesUsersAndPriceLists() {
        TestTenant a = api.newTenant();
        TestTenant b = api.newTenant();
        for (TestTenant tenant : List.of(a, b)) {
            String site = create(tenant, "WEBSHOP");
            api.post("/v1/sites/" + site + "/users", Map.of("email", "x@example.com", "name", "X"), tenant);
            api.post("/v1/price-lists", Map.of("code", "P", "name", "P", "currency", "EUR"), tenant);
        }
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        DSLContext dsl = app.bean(DSLContext.class);

        List<@Nullable String> seen = CallerContext.callAs(
                new CallerContext.Caller("usr_test", new TenantId(a.id())),
                () -> Objects.requireNonNull(transaction.execute(status -> {
                    List<@Nullable String> tenants = new ArrayList<>();
                    tenants.addAll(dsl.select(SITE.TENANT_ID).from(SITE).fetch(SITE.TENANT_ID));
                    tenants.addAll(
                            dsl.select(SITE_USER.TENANT_ID).from(SITE_USER).fetch(SITE_USER.TENANT_ID));
                    tenants.addAll(
                            dsl.select(PRICE_LIST.TENANT_ID).from(PRICE_LIST).fetch(PRICE_LIST.TENANT_ID));
                    return tenants;
                })));

        assertThat(seen).hasSize(3).containsOnly(a.id());
    }
}
