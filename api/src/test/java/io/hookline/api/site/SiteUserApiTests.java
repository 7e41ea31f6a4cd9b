package io.hookline.api.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.site.SiteUserChanges;
import io.hookline.domain.site.SiteUserRegistry;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class SiteUserApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private String site(TestTenant tenant, String code) {
        return api.post("/v1/sites", Map.of("code", code, "name", "Site " + code), tenant)
                .json()
                .get("id")
                .asString();
    }

    private String user(TestTenant tenant, String site, String email) {
        Response created = api.post("/v1/sites/" + site + "/users", Map.of("email", email, "name", "Jane"), tenant);
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** The event's envelope, after checking it carries the site as its site and the caller. */
    private static JsonNode envelope(JsonNode event, String site) {
        JsonNode envelope = event.get("envelope");
        assertThat(envelope.get("siteId").asString()).isEqualTo(site);
        assertThat(envelope.get("triggeredBy").asString()).isEqualTo("usr_test");
        assertThat(envelope.get("data").get("siteId").asString()).isEqualTo(site);
        return envelope;
    }

    @Test
    void aPendingUserAsksForApprovalAndIsApprovedOnce() {
        TestTenant tenant = api.newTenant();
        String site = site(tenant, "WEBSHOP");

        Response created = api.post(
                "/v1/sites/" + site + "/users", Map.of("email", "jane.doe@example.com", "name", "Jane Doe"), tenant);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(id).startsWith("siu_");
        assertThat(created.header("Location")).isEqualTo("/v1/sites/" + site + "/users/" + id);
        assertThat(created.json().get("siteId").asString()).isEqualTo(site);
        assertThat(created.json().get("status").asString()).isEqualTo("pending");
        assertThat(created.json().get("approvedAt").isNull()).isTrue();
        for (String type : List.of("site.user.created", "site.user.approval_requested")) {
            List<JsonNode> found = api.events(tenant, type);
            assertThat(found).as(type).hasSize(1);
            JsonNode data = envelope(found.getFirst(), site).get("data");
            assertThat(data.get("id").asString()).isEqualTo(id);
            assertThat(data.get("siteCode").asString()).isEqualTo("WEBSHOP");
            assertThat(data.get("email").asString()).isEqualTo("jane.doe@example.com");
            assertThat(data.get("name").asString()).isEqualTo("Jane Doe");
            assertThat(data.get("status").asString()).isEqualTo("pending");
            assertThat(data.get("createdAt").asString())
                    .isEqualTo(created.json().get("createdAt").asString());
        }

        Response approved = api.post("/v1/sites/" + site + "/users/" + id + "/approve", null, tenant);
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("approved");
        assertThat(approved.json().get("approvedAt").asString())
                .isEqualTo(approved.json().get("updatedAt").asString());
        assertThat(api.get("/v1/sites/" + site + "/users/" + id, tenant)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("approved");
        JsonNode updated = envelope(api.events(tenant, "site.user.updated").getFirst(), site)
                .get("data");
        assertThat(updated.get("status").asString()).isEqualTo("approved");
        assertThat(updated.get("siteCode").asString()).isEqualTo("WEBSHOP");

        Response again = api.post("/v1/sites/" + site + "/users/" + id + "/approve", null, tenant);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        JsonNode problem = again.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://hookline.dev/problems/invalid-transition");
        assertThat(problem.get("title").asString()).isEqualTo("Transition not allowed");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("detail").asString()).contains("approved");
        assertThat(problem.get("instance").asString()).isEqualTo("/v1/sites/" + site + "/users/" + id + "/approve");
        assertThat(problem.get("requestId").asString()).isEqualTo(again.header("X-Request-Id"));
        assertThat(api.events(tenant, "site.user.updated")).hasSize(1);
        assertThat(api.events(tenant, "site.user.approval_requested")).hasSize(1);
    }

    @Test
    void aUserCreatedApprovedEmitsOnlyItsCreation() {
        TestTenant tenant = api.newTenant();
        String site = site(tenant, "WEBSHOP");

        Response created = api.post(
                "/v1/sites/" + site + "/users",
                Map.of("email", "jane@example.com", "name", "Jane", "status", "approved"),
                tenant);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("approved");
        assertThat(created.json().get("approvedAt").asString())
                .isEqualTo(created.json().get("createdAt").asString());
        List<JsonNode> createdEvents = api.events(tenant, "site.user.created");
        assertThat(createdEvents).hasSize(1);
        assertThat(envelope(createdEvents.getFirst(), site)
                        .get("data")
                        .get("status")
                        .asString())
                .isEqualTo("approved");
        assertThat(api.events(tenant, "site.user.approval_requested")).isEmpty();
        String id = created.json().get("id").asString();
        assertThat(api.post("/v1/sites/" + site + "/users/" + id + "/approve", null, tenant)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void changingAndRemovingAUserEmitTheirEvents() {
        TestTenant tenant = api.newTenant();
        String site = site(tenant, "WEBSHOP");
        String id = user(tenant, site, "jane@example.com");

        Response updated = api.patch("/v1/sites/" + site + "/users/" + id, Map.of("name", "Jane Roe"), tenant);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Jane Roe");
        assertThat(updated.json().get("email").asString()).isEqualTo("jane@example.com");
        assertThat(updated.json().get("status").asString()).isEqualTo("pending");
        assertThat(api.delete("/v1/sites/" + site + "/users/" + id, tenant).status())
                .isEqualTo(204);
        assertThat(api.get("/v1/sites/" + site + "/users/" + id, tenant).status())
                .isEqualTo(404);

        JsonNode changed = envelope(api.events(tenant, "site.user.updated").getFirst(), site)
                .get("data");
        assertThat(changed.get("name").asString()).isEqualTo("Jane Roe");
        assertThat(changed.get("siteCode").asString()).isEqualTo("WEBSHOP");
        assertThat(changed.get("updatedAt").asString())
                .isEqualTo(updated.json().get("updatedAt").asString());
        JsonNode deleted = envelope(api.events(tenant, "site.user.deleted").getFirst(), site)
                .get("data");
        assertThat(deleted.get("id").asString()).isEqualTo(id);
        assertThat(deleted.get("siteCode").asString()).isEqualTo("WEBSHOP");
        assertThat(deleted.get("email").asString()).isEqualTo("jane@example.com");
        assertThat(deleted.has("deletedAt")).isTrue();
    }

    @Test
    void anEmailIsOneUserPerSiteInAnyLetterCase() {
        TestTenant tenant = api.newTenant();
        String site = site(tenant, "WEBSHOP");
        String outlet = site(tenant, "OUTLET");
        user(tenant, site, "jane@example.com");
        String john = user(tenant, site, "john@example.com");

        Response clash = api.post(
                "/v1/sites/" + site + "/users", Map.of("email", "Jane@Example.com", "name", "Other Jane"), tenant);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.contentType()).startsWith("application/problem+json");
        JsonNode problem = clash.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://hookline.dev/problems/email-taken");
        assertThat(problem.get("title").asString()).isEqualTo("Email already in use");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("instance").asString()).isEqualTo("/v1/sites/" + site + "/users");
        assertThat(problem.get("requestId").asString()).isEqualTo(clash.header("X-Request-Id"));
        Response patchClash =
                api.patch("/v1/sites/" + site + "/users/" + john, Map.of("email", "jane@example.com"), tenant);
        assertThat(patchClash.status()).isEqualTo(409);
        assertThat(patchClash.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/email-taken");
        assertThat(api.patch("/v1/sites/" + site + "/users/" + john, Map.of("email", "John@example.com"), tenant)
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                "/v1/sites/" + outlet + "/users",
                                Map.of("email", "jane@example.com", "name", "Jane"),
                                tenant)
                        .status())
                .isEqualTo(201);
        assertThat(api.events(tenant, "site.user.created")).hasSize(3);
    }

    @Test
    void valuesAreChecked() {
        TestTenant tenant = api.newTenant();
        String site = site(tenant, "WEBSHOP");
        String id = user(tenant, site, "jane@example.com");

        Response badEmail =
                api.post("/v1/sites/" + site + "/users", Map.of("email", "not-an-email", "name", "X"), tenant);
        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/validation-failed");
        assertThat(badEmail.fieldErrors()).containsExactly("email");
        Response blank =
                api.post("/v1/sites/" + site + "/users", Map.of("email", "x@example.com", "name", " "), tenant);
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.fieldErrors()).containsExactly("name");
        Response missing = api.post("/v1/sites/" + site + "/users", Map.of("name", "X"), tenant);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.fieldErrors()).containsExactly("email");
        Response badPatch = api.patch("/v1/sites/" + site + "/users/" + id, Map.of("email", "jane@"), tenant);
        assertThat(badPatch.status()).isEqualTo(422);
        assertThat(badPatch.fieldErrors()).containsExactly("email");
        Response badStatus = api.post(
                "/v1/sites/" + site + "/users",
                Map.of("email", "x@example.com", "name", "X", "status", "banned"),
                tenant);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.fieldErrors()).containsExactly("status");
        Response statusByPatch = api.patch("/v1/sites/" + site + "/users/" + id, Map.of("status", "approved"), tenant);
        assertThat(statusByPatch.status()).isEqualTo(400);
        assertThat(statusByPatch.fieldErrors()).containsExactly("status");
        assertThat(api.get("/v1/sites/" + site + "/users/" + id, tenant)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("pending");
        assertThat(api.events(tenant, "site.user.created")).hasSize(1);
        assertThat(api.events(tenant, "site.user.updated")).isEmpty();
    }

    @Test
    void aUserIsNotFoundThroughAnotherSiteOrTenant() {
        TestTenant tenant = api.newTenant();
        TestTenant other = api.newTenant();
        String site = site(tenant, "WEBSHOP");
        String outlet = site(tenant, "OUTLET");
        String id = user(tenant, site, "jane@example.com");
        String elsewhere = "/v1/sites/" + outlet + "/users/" + id;
        String theirs = "/v1/sites/" + site + "/users/" + id;

        for (Response response : List.of(
                api.get(elsewhere, tenant),
                api.patch(elsewhere, Map.of("name", "moved"), tenant),
                api.post(elsewhere + "/approve", null, tenant),
                api.delete(elsewhere, tenant),
                api.get(theirs, other),
                api.patch(theirs, Map.of("name", "stolen"), other),
                api.post(theirs + "/approve", null, other),
                api.delete(theirs, other),
                api.get("/v1/sites/" + site + "/users", other),
                api.post("/v1/sites/" + site + "/users", Map.of("email", "x@example.com", "name", "X"), other))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/not-found");
        }
        assertThat(api.get("/v1/sites/" + outlet + "/users", tenant).json().get("data"))
                .isEmpty();
        JsonNode user = api.get(theirs, tenant).json();
        assertThat(user.get("name").asString()).isEqualTo("Jane");
        assertThat(user.get("status").asString()).isEqualTo("pending");
        assertThat(api.events(tenant, "site.user.updated")).isEmpty();
        assertThat(api.events(other, "site.user.created")).isEmpty();
    }

    @Test
    void aChangeThatRollsBackLeavesNoEvent() {
        TestTenant tenant = api.newTenant();
        String site = site(tenant, "WEBSHOP");
        TenantId id = new TenantId(tenant.id());
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));

        try (var caller = CallerContext.bind(new CallerContext.Caller("usr_test", id))) {
            transaction.executeWithoutResult(status -> {
                app.bean(SiteUserRegistry.class)
                        .create(id, site, new SiteUserChanges("gone@example.com", "Gone", null));
                status.setRollbackOnly();
            });
        }

        assertThat(api.get("/v1/sites/" + site + "/users", tenant).json().get("data"))
                .isEmpty();
        assertThat(api.events(tenant, "site.user.created")).isEmpty();
        assertThat(api.events(tenant, "site.user.approval_requested")).isEmpty();
    }

    /**
     * A sync client remembers the last change it saw; afterwards exactly the users changed since
     * (approved or edited) come back, once each, in the order they changed, across small pages.
     */
    @Test
    void pagingWithUpdatedAfterReturnsExactlyTheUsersChangedSince() {
        TestTenant tenant = api.newTenant();
        String site = site(tenant, "WEBSHOP");
        String outlet = site(tenant, "OUTLET");
        List<String> ids = new ArrayList<>();
        String mark = "";
        for (int i = 0; i < 10; i++) {
            Response created = api.post(
                    "/v1/sites/" + site + "/users", Map.of("email", "u" + i + "@example.com", "name", "U" + i), tenant);
            ids.add(created.json().get("id").asString());
            mark = created.json().get("updatedAt").asString();
        }
        api.post("/v1/sites/" + outlet + "/users", Map.of("email", "elsewhere@example.com", "name", "E"), tenant);
        api.post("/v1/sites/" + site + "/users/" + ids.get(6) + "/approve", null, tenant);
        api.patch("/v1/sites/" + site + "/users/" + ids.get(1), Map.of("name", "U1 v2"), tenant);
        api.post("/v1/sites/" + site + "/users/" + ids.get(8) + "/approve", null, tenant);

        List<JsonNode> changed = api.pageAll(tenant, "/v1/sites/" + site + "/users?limit=2&updatedAfter=" + mark);

        assertThat(changed).extracting(u -> u.get("id").asString()).containsExactly(ids.get(6), ids.get(1), ids.get(8));
        assertThat(changed).extracting(u -> u.get("siteId").asString()).containsOnly(site);
        List<JsonNode> all = api.pageAll(tenant, "/v1/sites/" + site + "/users?limit=3");
        assertThat(all)
                .extracting(u -> u.get("id").asString())
                .doesNotHaveDuplicates()
                .hasSize(10);
    }
}
