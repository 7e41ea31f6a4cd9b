package io.hookline.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.security.Scopes;
import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The headers {@code openapi/openapi.yaml} promises are the ones the node sends: every answer
 * shows the rate-limit budget its request spent (the tenant's, the caller's address's, or the
 * acknowledgement links'), except a platform admin's call, which spends none; and no CORS header
 * invites another origin's page to read an answer.
 */
class ContractHeadersTests {

    private static final String UNKNOWN_ACK = "A".repeat(43);

    private final RunningApp node = RunningApp.shared();
    private final ApiClient api = node.client();

    @Test
    void tenantCallsShowTheTenantsBudgetOnSuccessesAndOnErrors() {
        TestTenant tenant = api.newTenant();
        Response listed = api.get("/v1/webhooks", tenant);
        Response missing = api.get("/v1/webhooks/wh_01JD3Q7ZK8M5W2X9R4T6Y1B0NC", tenant);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(missing.notFound()).isNotBlank();
        for (Response response : List.of(listed, missing)) {
            assertThat(response.header("RateLimit-Policy")).isEqualTo("\"default\";q=1000;w=10");
            assertThat(response.header("RateLimit")).matches("\"default\";r=\\d+;t=\\d+");
        }
    }

    @Test
    void aCallWithoutAValidTokenShowsTheAddresssBudget() {
        Response anonymous = api.get("/v1/webhooks", null, null);
        Response refused = api.get("/v1/webhooks", "junk", null);
        for (Response response : List.of(anonymous, refused)) {
            assertThat(response.status()).isEqualTo(401);
            // the test node's anonymous-limit is 100000 per the default 60 s
            assertThat(response.header("RateLimit-Policy")).isEqualTo("\"default\";q=100000;w=60");
            assertThat(response.header("RateLimit")).matches("\"default\";r=\\d+;t=\\d+");
        }
    }

    @Test
    void anAcknowledgementLinkShowsTheLinksBudgetEvenWhenItSettlesNothing() {
        Response unknown = api.post("/acks/" + UNKNOWN_ACK, Map.of("status", "done"), null, null);
        assertThat(unknown.notFound()).isNotBlank();
        assertThat(unknown.header("RateLimit-Policy")).isEqualTo("\"default\";q=600;w=60");
        assertThat(unknown.header("RateLimit")).matches("\"default\";r=\\d+;t=\\d+");
        Response invalid = api.post("/acks/" + UNKNOWN_ACK, Map.of("status", "maybe"), null, null);
        assertThat(invalid.invalidFields()).containsExactly("status");
        assertThat(invalid.header("RateLimit-Policy")).isEqualTo("\"default\";q=600;w=60");
    }

    @Test
    void aPlatformAdminsCallSpendsNoBudgetAndSaysNone() {
        TestTenant tenant = api.newTenant();
        String admin = api.token(List.of(), List.of(Scopes.PLATFORM_ADMIN));
        Response tenants = api.get("/v1/tenants/" + tenant.id(), admin, null);
        assertThat(tenants.status()).as(tenants.raw()).isEqualTo(200);
        assertThat(tenants.header("RateLimit")).isNull();
        assertThat(tenants.header("RateLimit-Policy")).isNull();
    }

    @Test
    void noAnswerInvitesAnotherOriginToReadIt() {
        TestTenant tenant = api.newTenant();
        Map<String, String> elsewhere = Map.of("Origin", "https://elsewhere.example");
        Response read = api.send("GET", "/v1/webhooks", null, tenant.token(), tenant.id(), elsewhere);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
        Response preflight = api.send(
                "OPTIONS",
                "/v1/webhooks",
                null,
                null,
                null,
                Map.of(
                        "Origin", "https://elsewhere.example",
                        "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "authorization, x-tenant-id"));
        assertThat(preflight.status()).isGreaterThanOrEqualTo(400);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
    }
}
