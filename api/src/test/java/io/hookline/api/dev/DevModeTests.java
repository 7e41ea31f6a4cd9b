package io.hookline.api.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.RunningApp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DevModeTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    @Test
    void aDefaultDevTokenWorksForTheDemoTenantForAnHour() {
        Response issued = api.post("/dev/tokens", "{}", null, null);

        assertThat(issued.status()).isEqualTo(200);
        JsonNode body = issued.json();
        String tenant = body.get("tenantId").asString();
        assertThat(tenant).matches("ten_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(Duration.between(
                                OffsetDateTime.now(),
                                OffsetDateTime.parse(body.get("expiresAt").asString()))
                        .toMinutes())
                .isBetween(58L, 60L);
        String token = body.get("token").asString();

        Response created = api.post(
                "/v1/webhooks",
                Map.of("name", "demo", "url", "https://erp.example.com/h", "events", List.of("order.placed")),
                token,
                tenant);
        assertThat(created.status()).isIn(201, 409);
        assertThat(api.get("/v1/webhooks", token, tenant).status()).isEqualTo(200);
        assertThat(api.get("/v1/event-types", token, tenant).status()).isEqualTo(200);
        assertThat(api.post("/v1/tenants", Map.of("name", "x", "administrationCode", "NOPE01"), token, null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aDevTokenCanNarrowScopesAndLifetime() {
        Response issued =
                api.post("/dev/tokens", Map.of("scopes", List.of("webhooks:read"), "ttlSeconds", 60), null, null);
        String token = issued.json().get("token").asString();
        String tenant = issued.json().get("tenantId").asString();

        assertThat(api.get("/v1/webhooks", token, tenant).status()).isEqualTo(200);
        assertThat(api.post(
                                "/v1/webhooks",
                                Map.of(
                                        "name",
                                        "x",
                                        "url",
                                        "https://erp.example.com/h",
                                        "events",
                                        List.of("order.placed")),
                                token,
                                tenant)
                        .status())
                .isEqualTo(403);
        assertThat(Duration.between(
                                OffsetDateTime.now(),
                                OffsetDateTime.parse(
                                        issued.json().get("expiresAt").asString()))
                        .getSeconds())
                .isBetween(55L, 61L);
    }

    @Test
    void unknownScopesAndTenantsAreRefused() {
        Response badScope = api.post("/dev/tokens", Map.of("scopes", List.of("root")), null, null);
        assertThat(badScope.status()).isEqualTo(422);
        assertThat(badScope.json().get("errors").get(0).get("field").asString()).isEqualTo("scopes[0]");
        assertThat(api.post("/dev/tokens", Map.of("tenantId", "ten_01JD3Q7ZK8M5W2X9R4T6Y1B0NC"), null, null)
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/dev/tokens", Map.of("ttlSeconds", 0), null, null).status())
                .isEqualTo(422);
    }

    @Test
    void theJwksPublishesOnlyThePublicKey() {
        Response jwks = api.get("/dev/jwks.json", null, null);
        JsonNode key = jwks.json().get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.has("n")).isTrue();
        assertThat(key.has("d")).isFalse();
    }

    @Test
    void aProductionNodeWithoutAnEncryptionKeyRefusesToStart() {
        assertThatThrownBy(() -> RunningApp.start(Map.of(
                        "hookline.dev.enabled", "false",
                        "hookline.secrets.encryption-key", "",
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "http://127.0.0.1:9/jwks",
                        "hookline.security.issuer", "https://id.example.com")))
                .rootCause()
                .hasMessageContaining("hookline.secrets.encryption-key is required");
    }

    @Test
    void aProductionNodeWithoutAnIdentityProviderRefusesToStart() {
        assertThatThrownBy(() -> RunningApp.start(Map.of("hookline.dev.enabled", "false")))
                .rootCause()
                .hasMessageContaining("no identity provider configured");
    }

    @Test
    void aProductionNodeHasNoDevEndpoints() {
        try (RunningApp production = RunningApp.start(Map.of(
                "hookline.dev.enabled", "false",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "http://127.0.0.1:9/jwks",
                "hookline.security.issuer", "https://id.example.com"))) {
            Response response = production.client().post("/dev/tokens", "{}", null, null);
            assertThat(response.status()).isEqualTo(404);
            assertThat(production
                            .client()
                            .get("/v1/webhooks", "x.y.z", "ten_01JD3Q7ZK8M5W2X9R4T6Y1B0NC")
                            .status())
                    .isEqualTo(401);
        }
    }
}
