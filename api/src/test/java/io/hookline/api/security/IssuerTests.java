package io.hookline.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.FakeIssuer;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.tenant.TenantChanges;
import io.hookline.domain.tenant.TenantRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import tools.jackson.databind.JsonNode;

/** With only {@code jwk-set-uri}, {@code hookline.security.issuer} is required and {@code iss} is checked. */
class IssuerTests {

    private static JwtClaimsSet claims(String issuer, String tenant) {
        Instant now = Instant.now();
        return JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of("hookline-api"))
                .subject("usr_idp")
                .issuedAt(now)
                .notBefore(now.minusSeconds(1))
                .expiresAt(now.plusSeconds(600))
                .id(UUID.randomUUID().toString())
                .claim("tenants", List.of(tenant))
                .claim("scope", "webhooks:read")
                .build();
    }

    @Test
    void aKeySetWithoutAnIssuerRefusesToStart() {
        assertThatThrownBy(() -> RunningApp.start(Map.of(
                        "hookline.dev.enabled", "false",
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "http://127.0.0.1:9/jwks")))
                .rootCause()
                .hasMessageContaining("hookline.security.issuer is required with"
                        + " spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
    }

    @Test
    void withAKeySetOnlyTheConfiguredIssuersTokensAreAccepted() {
        try (FakeIssuer issuer = new FakeIssuer();
                RunningApp node = RunningApp.start(Map.of(
                        "hookline.dev.enabled", "false",
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer.issuer() + "/jwks",
                        "hookline.security.issuer", "https://id.example.com"))) {
            String code = "ISS"
                    + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36)
                            .toUpperCase();
            String tenant = node.bean(TenantRegistry.class)
                    .create(new TenantChanges("Issuer", code.substring(0, Math.min(20, code.length())), null, null))
                    .id()
                    .value();

            Response right =
                    node.client().get("/v1/webhooks", issuer.sign(claims("https://id.example.com", tenant)), tenant);
            assertThat(right.status()).as(right.raw()).isEqualTo(200);

            // signed by the very same key, but issued by someone else
            Response wrong =
                    node.client().get("/v1/webhooks", issuer.sign(claims("https://evil.example.com", tenant)), tenant);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
            JsonNode problem = wrong.json();
            assertThat(problem.get("type").asString()).isEqualTo("https://hookline.dev/problems/unauthorized");
            assertThat(problem.get("status").asInt()).isEqualTo(401);
            assertThat(problem.get("detail").asString())
                    .startsWith("the bearer token was refused: ")
                    .contains("iss");
        }
    }
}
