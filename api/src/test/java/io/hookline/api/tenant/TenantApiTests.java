package io.hookline.api.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.security.Scopes;
import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.RunningApp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TenantApiTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();
    private final String admin = api.token(List.of(), List.of(Scopes.PLATFORM_ADMIN));

    private static String code() {
        return "C"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    @Test
    void aCreatedTenantHasTheDefaultLimits() {
        String code = code();
        Response created = api.post("/v1/tenants", Map.of("name", "Acme", "administrationCode", code), admin, null);

        assertThat(created.status()).isEqualTo(201);
        JsonNode tenant = created.json();
        assertThat(tenant.get("id").asString()).matches("ten_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(tenant.get("administrationCode").asString()).isEqualTo(code);
        assertThat(tenant.get("rateLimit").get("limit").asInt()).isEqualTo(20);
        assertThat(tenant.get("rateLimit").get("windowSeconds").asInt()).isEqualTo(10);
        assertThat(tenant.get("rateLimit").get("cooldownSeconds").asInt()).isEqualTo(10);
        assertThat(tenant.get("webhookLimit").asInt()).isEqualTo(3);
        assertThat(created.header("Location"))
                .isEqualTo("/v1/tenants/" + tenant.get("id").asString());
        assertThat(api.get("/v1/tenants/" + tenant.get("id").asString(), admin, null)
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo("Acme");
    }

    @Test
    void limitsCanBeSetAtCreationAndChangedLater() {
        Response created = api.post(
                "/v1/tenants",
                Map.of(
                        "name",
                        "Big",
                        "administrationCode",
                        code(),
                        "rateLimit",
                        Map.of("limit", 100, "windowSeconds", 60, "cooldownSeconds", 5),
                        "webhookLimit",
                        10),
                admin,
                null);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("rateLimit").get("limit").asInt()).isEqualTo(100);

        Response patched = api.patch("/v1/tenants/" + id, Map.of("webhookLimit", 1, "name", "Smaller"), admin, null);

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("webhookLimit").asInt()).isEqualTo(1);
        assertThat(patched.json().get("name").asString()).isEqualTo("Smaller");
        assertThat(patched.json().get("rateLimit").get("windowSeconds").asInt()).isEqualTo(60);
    }

    @Test
    void aTakenAdministrationCodeIsAConflict() {
        String code = code();
        api.post("/v1/tenants", Map.of("name", "First", "administrationCode", code), admin, null);

        Response second = api.post("/v1/tenants", Map.of("name", "Second", "administrationCode", code), admin, null);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("type").asString())
                .isEqualTo("https://hookline.dev/problems/administration-code-taken");
    }

    @Test
    void invalidTenantValuesAreValidationProblems() {
        Response response = api.post(
                "/v1/tenants",
                Map.of(
                        "name",
                        "",
                        "administrationCode",
                        "lower case",
                        "rateLimit",
                        Map.of("limit", 0, "windowSeconds", 10, "cooldownSeconds", 10)),
                admin,
                null);
        assertThat(response.status()).isEqualTo(422);
        List<String> fields = response.json()
                .get("errors")
                .valueStream()
                .map(e -> e.get("field").asString())
                .toList();
        assertThat(fields).contains("name", "administrationCode", "rateLimit.limit");
        assertThat(api.get("/v1/tenants/ten_01JD3Q7ZK8M5W2X9R4T6Y1B0NC", admin, null)
                        .status())
                .isEqualTo(404);
    }
}
