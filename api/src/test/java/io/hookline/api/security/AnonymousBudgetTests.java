package io.hookline.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import tools.jackson.databind.JsonNode;

/**
 * Anonymous means every unauthenticated outcome: a missing, malformed, expired or otherwise
 * refused token spends the per-address budget; acknowledgement links have their own, larger one.
 */
class AnonymousBudgetTests {

    private static final Map<String, String> BUDGETS = Map.of(
            "hookline.ratelimit.anonymous-limit", "3",
            "hookline.ratelimit.acknowledgement-limit", "6");

    private static void assertRateLimited(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(429);
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://hookline.dev/problems/rate-limited");
        assertThat(problem.get("title").asString()).isEqualTo("Too many requests");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asString())
                .isEqualTo("too many unauthenticated requests from this address; retry after " + retryAfter + " s");
        assertThat(problem.get("requestId").asString()).startsWith("req_");
    }

    @Test
    void aFloodOfJunkBearerTokensIsLimitedLikeNoTokenAtAll() {
        try (RunningApp node = RunningApp.start(BUDGETS)) {
            ApiClient client = node.client();
            for (int i = 0; i < 3; i++) {
                Response refused = client.get("/v1/webhooks", "junk", null);
                assertThat(refused.status()).isEqualTo(401);
                assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
            }
            assertRateLimited(client.get("/v1/webhooks", "junk", null));
            assertRateLimited(client.get("/v1/webhooks", null, null));
            // a junk token on a path that needs none is refused too, and spends the same budget
            assertRateLimited(client.post("/dev/tokens", "{}", "junk", null));
        }
    }

    @Test
    void missingMalformedExpiredAndForeignTokensShareOneBudgetWhileValidTokensAreNotTouched() {
        try (RunningApp node = RunningApp.start(BUDGETS)) {
            ApiClient client = node.client();
            TestTenant tenant = client.newTenant();
            Instant past = Instant.now().minusSeconds(3600);
            String expired = client.token(JwtClaimsSet.builder()
                    .issuer("hookline-dev")
                    .audience(List.of("hookline-api"))
                    .subject("usr_test")
                    .issuedAt(past)
                    .notBefore(past)
                    .expiresAt(past.plusSeconds(60))
                    .id(UUID.randomUUID().toString())
                    .claim("tenants", List.of(tenant.id()))
                    .claim("scope", "webhooks:read")
                    .build());
            assertThat(client.get("/v1/webhooks", null, tenant.id()).status()).isEqualTo(401);
            assertThat(client.get("/v1/webhooks", "a.b.c", tenant.id()).status())
                    .isEqualTo(401);
            assertThat(client.get("/v1/webhooks", expired, tenant.id()).status())
                    .isEqualTo(401);
            assertRateLimited(client.get("/v1/webhooks", expired, tenant.id()));

            // the budget is the unknown caller's: a valid token still gets through
            assertThat(client.get("/v1/webhooks", tenant).status()).isEqualTo(200);
        }
    }

    @Test
    void aForgedForwardedForHeaderDoesNotBuyANewBudgetWithoutATrustedProxy() {
        try (RunningApp node = RunningApp.start(BUDGETS)) {
            ApiClient client = node.client();
            for (int i = 0; i < 3; i++) {
                Response response = client.send(
                        "GET", "/v1/webhooks", null, "junk", null, Map.of("X-Forwarded-For", "203.0.113." + i));
                assertThat(response.status()).isEqualTo(401);
            }
            assertRateLimited(
                    client.send("GET", "/v1/webhooks", null, "junk", null, Map.of("X-Forwarded-For", "203.0.113.99")));
        }
    }

    @Test
    void acknowledgementLinksHaveTheirOwnLargerBudget() {
        try (RunningApp node = RunningApp.start(BUDGETS)) {
            ApiClient client = node.client();
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/v1/webhooks", "junk", null).status()).isEqualTo(401);
            }
            assertRateLimited(client.get("/v1/webhooks", null, null));

            // the anonymous budget is spent, the acknowledgement budget is not
            for (int i = 0; i < 6; i++) {
                Response ack = client.post("/acks/ack_unknown" + i, Map.of("status", "done"), null, null);
                assertThat(ack.status()).as(ack.raw()).isEqualTo(404);
            }
            assertRateLimited(client.post("/acks/ack_unknown", Map.of("status", "done"), null, null));
            // a token, valid or not, does not lift it: the link is the credential
            assertRateLimited(client.post("/acks/ack_unknown", Map.of("status", "done"), "junk", null));
        }
    }
}
