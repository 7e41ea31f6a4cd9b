package io.hookline.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Metrics are not public: on the API port {@code /actuator/prometheus} needs a
 * {@code platform:admin} token; a separate management port serves it to whoever reaches that port.
 * Health stays public for probes, and says nothing but up or down.
 */
class MetricsAccessTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    @Test
    void prometheusOnTheApiPortNeedsAPlatformAdminToken() {
        Response anonymous = api.get("/actuator/prometheus", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        JsonNode problem = anonymous.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://hookline.dev/problems/unauthorized");
        assertThat(problem.get("detail").asString()).isEqualTo("send a bearer token: Authorization: Bearer <JWT>");
        assertThat(anonymous.raw()).doesNotContain("jvm_");

        assertThat(api.get("/actuator/prometheus", "junk", null).status()).isEqualTo(401);

        TestTenant tenant = api.newTenant();
        Response tenantToken = api.get("/actuator/prometheus", tenant.token(), tenant.id());
        assertThat(tenantToken.status()).isEqualTo(403);
        assertThat(tenantToken.json().get("type").asString())
                .isEqualTo("https://hookline.dev/problems/insufficient-scope");
        assertThat(tenantToken.raw()).doesNotContain("jvm_");

        Response admin = api.get("/actuator/prometheus", api.token(List.of(), List.of("platform:admin")), null);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.raw()).contains("jvm_memory_used_bytes");
    }

    @Test
    void anEncodedSpellingOfThePrometheusPathIsNoWayAround() {
        for (String path : List.of("/actuator/%70rometheus", "/%61ctuator/prometheus")) {
            Response response = api.get(path, null, null);
            assertThat(response.status()).as(path).isIn(401, 404);
            assertThat(response.raw()).as(path).doesNotContain("jvm_");
        }
    }

    @Test
    void healthIsPublicButShowsOnlyTheStatus() {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
            Response health = api.get(path, null, null);
            assertThat(health.status()).as(path).isEqualTo(200);
            JsonNode body = health.json();
            assertThat(body.get("status").asString()).isEqualTo("UP");
            assertThat(body.has("components")).as(health.raw()).isFalse();
            assertThat(body.has("details")).as(health.raw()).isFalse();
        }
    }

    @Test
    void aSeparateManagementPortServesMetricsWithoutATokenAndTheApiPortNoLonger() {
        try (RunningApp node = RunningApp.start(Map.of("management.server.port", "0"))) {
            String managementPort = node.property("local.management.port");
            assertThat(managementPort).isNotNull().isNotEqualTo(Integer.toString(node.port()));
            ApiClient client = node.client();

            Response scraped = client.get("http://localhost:" + managementPort + "/actuator/prometheus", null, null);
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.raw()).contains("jvm_memory_used_bytes");

            Response onApiPort =
                    client.get("/actuator/prometheus", client.token(List.of(), List.of("platform:admin")), null);
            assertThat(onApiPort.status()).isEqualTo(404);
            assertThat(onApiPort.raw()).doesNotContain("jvm_");
        }
    }
}
