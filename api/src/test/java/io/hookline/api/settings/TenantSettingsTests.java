package io.hookline.api.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.security.Scopes;
import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET/PATCH /v1/tenant/settings}: who may read and change where notifications are e-mailed, and what is an address. */
class TenantSettingsTests {

    private static final String PATH = "/v1/tenant/settings";

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private static JsonNode problem(Response response, int status, String slug, String title, String detail) {
        ObjectNode expected = ApiClient.JSON.createObjectNode();
        expected.put("type", "https://hookline.dev/problems/" + slug);
        expected.put("title", title);
        expected.put("status", status);
        expected.put("detail", detail);
        expected.put("instance", PATH);
        expected.put("requestId", response.header("X-Request-Id"));
        return expected;
    }

    private static JsonNode invalid(Response response, String detail, String... fieldsAndMessages) {
        ObjectNode expected =
                (ObjectNode) problem(response, 422, "validation-failed", "The request has invalid values", detail);
        var errors = expected.putArray("errors");
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            errors.addObject().put("field", fieldsAndMessages[i]).put("message", fieldsAndMessages[i + 1]);
        }
        return expected;
    }

    private String token(TestTenant tenant, String... scopes) {
        return api.token(List.of(tenant.id()), List.of(scopes));
    }

    @Test
    void aNewTenantHasNoAddressesAndItsAdminSetsThemThenClearsThem() {
        TestTenant tenant = api.newTenant();
        assertThat(api.get(PATH, tenant).json()).isEqualTo(ApiClient.JSON.readTree("{\"notificationEmails\":[]}"));

        Response set = api.patch(
                PATH,
                Map.of("notificationEmails", List.of("ops@acme.example", "Jane.Doe+hooks@mail.acme.example")),
                tenant);

        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        JsonNode expected = ApiClient.JSON.readTree(
                "{\"notificationEmails\":[\"ops@acme.example\",\"Jane.Doe+hooks@mail.acme.example\"]}");
        assertThat(set.json()).isEqualTo(expected);
        assertThat(api.get(PATH, tenant).json()).isEqualTo(expected);
        // a body without the field changes nothing
        assertThat(api.patch(PATH, Map.of(), tenant).json()).isEqualTo(expected);

        assertThat(api.patch(PATH, Map.of("notificationEmails", List.of()), tenant)
                        .json()
                        .get("notificationEmails"))
                .isEmpty();
        assertThat(api.get(PATH, tenant).json().get("notificationEmails")).isEmpty();
    }

    @Test
    void badAddressesAreRefusedOneErrorEachAndNothingIsStored() {
        TestTenant tenant = api.newTenant();
        api.patch(PATH, Map.of("notificationEmails", List.of("keep@acme.example")), tenant);

        Response refused = api.patch(
                PATH,
                Map.of(
                        "notificationEmails",
                        List.of(
                                "ok@acme.example",
                                "not-an-address",
                                "Ops <ops@acme.example>",
                                "ops@acme.example\r\nBcc: victim@example.com",
                                "OK@acme.example",
                                "x@localhost")),
                tenant);

        String message = "must be an e-mail address such as ops@example.com";
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json())
                .isEqualTo(invalid(
                        refused,
                        "notificationEmails[1] " + message + " (and 4 more)",
                        "notificationEmails[1]",
                        message,
                        "notificationEmails[2]",
                        message,
                        "notificationEmails[3]",
                        message,
                        "notificationEmails[4]",
                        "is listed twice",
                        "notificationEmails[5]",
                        message));
        assertThat(api.get(PATH, tenant).json().get("notificationEmails").get(0).asString())
                .isEqualTo("keep@acme.example");
    }

    @Test
    void atMostTenAddresses() {
        TestTenant tenant = api.newTenant();
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("ops" + i + "@acme.example");
        }

        Response refused = api.patch(PATH, Map.of("notificationEmails", eleven), tenant);

        assertThat(refused.json())
                .isEqualTo(invalid(
                        refused,
                        "notificationEmails must list at most 10 addresses",
                        "notificationEmails",
                        "must list at most 10 addresses"));
        assertThat(api.patch(PATH, Map.of("notificationEmails", eleven.subList(0, 10)), tenant)
                        .json()
                        .get("notificationEmails"))
                .hasSize(10);
    }

    @Test
    void aNullAddressOrAnUnknownFieldIsABadRequest() {
        TestTenant tenant = api.newTenant();
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);

        assertThat(api.patch(PATH, Map.of("notificationEmails", withNull), tenant)
                        .invalidFields())
                .containsExactly("notificationEmails[0]");
        Response unknown = api.patch(PATH, Map.of("notificationEmail", List.of("ops@acme.example")), tenant);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.fieldErrors()).containsExactly("notificationEmail");
    }

    @Test
    void onlyTheTenantsAdminsOrAnOperatorChangeWhereNoticesGoWhileReadersOnlyRead() {
        TestTenant tenant = api.newTenant();
        api.patch(PATH, Map.of("notificationEmails", List.of("ops@acme.example")), tenant);
        Map<String, Object> change = Map.of("notificationEmails", List.of("attacker@evil.example"));

        for (String[] scopes : List.of(
                new String[] {Scopes.WEBHOOKS_READ, Scopes.WEBHOOKS_WRITE},
                new String[] {Scopes.EVENTS_WRITE, Scopes.COMMERCE_WRITE})) {
            Response refused = api.patch(PATH, change, token(tenant, scopes), tenant.id());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json())
                    .isEqualTo(problem(
                            refused,
                            403,
                            "insufficient-scope",
                            "The token lacks a required scope",
                            "the token does not carry the scope this operation needs"));
        }
        Response unread = api.get(PATH, token(tenant, Scopes.EVENTS_READ), tenant.id());
        assertThat(unread.status()).isEqualTo(403);
        assertThat(api.get(PATH, token(tenant, Scopes.WEBHOOKS_READ), tenant.id())
                        .json()
                        .get("notificationEmails")
                        .get(0)
                        .asString())
                .isEqualTo("ops@acme.example");

        assertThat(api.patch(
                                PATH,
                                Map.of("notificationEmails", List.of("admin@acme.example")),
                                token(tenant, Scopes.WEBHOOKS_SECRETS),
                                tenant.id())
                        .status())
                .isEqualTo(200);
        assertThat(api.patch(
                                PATH,
                                Map.of("notificationEmails", List.of("operator@acme.example")),
                                token(tenant, Scopes.PLATFORM_ADMIN),
                                tenant.id())
                        .status())
                .isEqualTo(200);
        assertThat(api.get(PATH, tenant).json().get("notificationEmails").get(0).asString())
                .isEqualTo("operator@acme.example");
    }

    @Test
    void aTenantSeesAndChangesOnlyItsOwnSettings() {
        TestTenant mine = api.newTenant();
        TestTenant other = api.newTenant();
        api.patch(PATH, Map.of("notificationEmails", List.of("other@other.example")), other);

        Response foreign =
                api.patch(PATH, Map.of("notificationEmails", List.of("me@mine.example")), mine.token(), other.id());

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/tenant-forbidden");
        assertThat(api.get(PATH, other).json().get("notificationEmails").get(0).asString())
                .isEqualTo("other@other.example");
        assertThat(api.get(PATH, mine).json().get("notificationEmails")).isEmpty();
    }
}
