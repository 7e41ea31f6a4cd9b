package io.hookline.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

class SecurityTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private static void assertUnauthorized(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/unauthorized");
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private JwtClaimsSet.Builder validClaims(TestTenant tenant) {
        Instant now = Instant.now();
        return JwtClaimsSet.builder()
                .issuer(DevKeys.ISSUER)
                .audience(List.of(DevKeys.AUDIENCE))
                .subject("usr_test")
                .issuedAt(now)
                .notBefore(now.minusSeconds(5))
                .expiresAt(now.plusSeconds(300))
                .claim("tenants", List.of(tenant.id()))
                .claim("scope", String.join(" ", Scopes.TENANT_SCOPES));
    }

    @Test
    void aCallWithoutATokenIsUnauthorizedWithABearerChallenge() {
        Response response = api.get("/v1/webhooks", null, null);
        assertUnauthorized(response);
        assertThat(response.json().get("detail").asString()).contains("Authorization: Bearer");
    }

    @Test
    void expiredNotYetValidWrongAudienceAndWrongIssuerTokensAreRefused() {
        TestTenant tenant = api.newTenant();
        Instant now = Instant.now();
        List<String> tokens = List.of(
                api.token(validClaims(tenant)
                        .issuedAt(now.minusSeconds(7200))
                        .notBefore(now.minusSeconds(7200))
                        .expiresAt(now.minusSeconds(3600))
                        .build()),
                api.token(validClaims(tenant)
                        .notBefore(now.plusSeconds(3600))
                        .expiresAt(now.plusSeconds(7200))
                        .build()),
                api.token(validClaims(tenant).audience(List.of("another-api")).build()),
                api.token(validClaims(tenant).issuer("https://evil.example.com").build()));
        for (String token : tokens) {
            assertUnauthorized(api.get("/v1/webhooks", token, tenant.id()));
        }
        assertThat(api.get("/v1/webhooks", api.token(validClaims(tenant).build()), tenant.id())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void tokensSignedWithAForeignKeyOrNoSignatureAreRefused() throws Exception {
        TestTenant tenant = api.newTenant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(DevKeys.ISSUER)
                .audience(DevKeys.AUDIENCE)
                .subject("usr_mallory")
                .notBeforeTime(new Date(System.currentTimeMillis() - 5000))
                .expirationTime(new Date(System.currentTimeMillis() + 300_000))
                .claim("tenants", List.of(tenant.id()))
                .claim("scope", "webhooks:read")
                .build();
        RSAKey foreign = new RSAKeyGenerator(2048)
                .keyID(app.bean(DevKeys.class).signingKey().getKeyID())
                .generate();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(foreign.getKeyID())
                        .build(),
                claims);
        forged.sign(new RSASSASigner(foreign));
        String unsigned = new PlainJWT(claims).serialize();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hmac.sign(new MACSigner(
                app.bean(DevKeys.class).publicKey().toRSAPublicKey().getEncoded()));

        assertUnauthorized(api.get("/v1/webhooks", forged.serialize(), tenant.id()));
        assertUnauthorized(api.get("/v1/webhooks", unsigned, tenant.id()));
        assertUnauthorized(api.get("/v1/webhooks", hmac.serialize(), tenant.id()));
        assertUnauthorized(api.get("/v1/webhooks", "not.a.jwt", tenant.id()));
    }

    @Test
    void aMissingTenantHeaderIsABadRequest() {
        TestTenant tenant = api.newTenant();
        Response response = api.get("/v1/webhooks", tenant.token(), null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/tenant-required");
        assertThat(api.get("/v1/webhooks", tenant.token(), "ACME01").status()).isEqualTo(400);
    }

    @Test
    void aTenantOutsideTheTokensTenantsClaimIsForbidden() {
        TestTenant mine = api.newTenant();
        TestTenant theirs = api.newTenant();

        Response response = api.get("/v1/webhooks", mine.token(), theirs.id());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/tenant-forbidden");
        assertThat(api.get("/v1/webhooks", mine.token(), "ten_01JD3Q7ZK8M5W2X9R4T6Y1B0NC")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aMissingScopeIsForbidden() {
        TestTenant tenant = api.newTenant();
        String readOnly = api.token(List.of(tenant.id()), List.of("webhooks:read"));

        Response write = api.post(
                "/v1/webhooks",
                Map.of("name", "x", "url", "https://erp.example.com/x", "events", List.of("order.placed")),
                readOnly,
                tenant.id());
        Response read = api.get("/v1/webhooks", readOnly, tenant.id());
        Response noScope =
                api.get("/v1/webhooks", api.token(List.of(tenant.id()), List.of("events:read")), tenant.id());

        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().get("type").asString()).isEqualTo("https://hookline.dev/problems/insufficient-scope");
        assertThat(read.status()).isEqualTo(200);
        assertThat(noScope.status()).isEqualTo(403);
    }

    @Test
    void onlyPlatformAdminsManageTenants() {
        TestTenant tenant = api.newTenant();
        Map<String, Object> body = Map.of(
                "name",
                "Acme",
                "administrationCode",
                "X" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());

        assertThat(api.post("/v1/tenants", body, tenant.token(), null).status()).isEqualTo(403);
        String admin = api.token(List.of(), List.of(Scopes.PLATFORM_ADMIN));
        assertThat(api.post("/v1/tenants", body, admin, null).status()).isEqualTo(201);
    }
}
