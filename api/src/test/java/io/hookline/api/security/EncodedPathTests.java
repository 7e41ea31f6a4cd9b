package io.hookline.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One path, one check: a percent-encoded spelling of a route gets exactly what the plain path
 * gets, from every filter that decides on the path (authentication, tenant header, tenant
 * limit), and no spelling answers a 500.
 */
class EncodedPathTests {

    private static final String OTHER_TENANT = "ten_01JD3Q7ZK8M5W2X9R4T6Y1B0NC";

    /** One path of every route family, plain. */
    private static final List<String> PLAIN = List.of(
            "/v1/webhooks",
            "/v1/webhooks/wh_01JD3Q7ZK8M5W2X9R4T6Y1B0NC",
            "/v1/webhooks/wh_01JD3Q7ZK8M5W2X9R4T6Y1B0NC/deliveries",
            "/v1/deliveries/dlv_01JD3Q7ZK8M5W2X9R4T6Y1B0NC",
            "/v1/events",
            "/v1/event-types",
            "/v1/event-types/order.placed/sample",
            "/v1/customers",
            "/v1/customers/cus_01JD3Q7ZK8M5W2X9R4T6Y1B0NC/addresses",
            "/v1/sites",
            "/v1/items",
            "/v1/price-lists",
            "/v1/orders",
            "/v1/tenants",
            "/v1/tenants/ten_01JD3Q7ZK8M5W2X9R4T6Y1B0NC");

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    /** {@code /v1/x} spelled with {@code v}, then {@code 1}, then every letter of the next segment encoded. */
    private static List<String> encodings(String plain) {
        String rest = plain.substring("/v1/".length());
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        String tail = slash < 0 ? "" : rest.substring(slash);
        StringBuilder encodedFirst = new StringBuilder();
        for (char c : first.toCharArray()) {
            encodedFirst.append(String.format("%%%02X", (int) c));
        }
        return List.of(
                "/%761/" + rest,
                "/v%31/" + rest,
                "/%76%31/" + rest,
                "/v1/" + encodedFirst + tail,
                "/%76%31/" + encodedFirst.toString().toLowerCase() + tail);
    }

    /** Status, content type and the body without what names the request itself. */
    private static String outcome(Response response) {
        String body = response.raw();
        if (response.contentType().startsWith("application/problem+json")) {
            ObjectNode problem = (ObjectNode) response.json();
            problem.remove("instance");
            problem.remove("requestId");
            if (problem.has("errors")) {
                // the order of field errors (and so the detail naming the first) is not stable between calls
                problem.remove("detail");
                List<String> errors = new ArrayList<>();
                problem.get("errors").forEach(error -> errors.add(error.toString()));
                errors.sort(null);
                problem.put("errors", String.join(",", errors));
            }
            body = problem.toString();
        } else {
            body = "";
        }
        return response.status() + " " + response.contentType() + " " + body;
    }

    private Response call(String method, String path, @Nullable String token, @Nullable String tenant) {
        return api.send(method, path, method.equals("POST") ? "{}" : null, token, tenant, Map.of());
    }

    @Test
    void anEncodedV1IsTheV1TheRoutingSeesSoTheTenantHeaderIsStillRequired() {
        TestTenant tenant = api.newTenant();
        for (String path : List.of("/%761/webhooks", "/%761/event-types")) {
            Response response = api.get(path, tenant.token(), null);
            assertThat(response.status()).as(path).isEqualTo(400);
            JsonNode problem = response.json();
            assertThat(problem.get("type").asString()).isEqualTo("https://hookline.dev/problems/tenant-required");
            assertThat(problem.get("title").asString()).isEqualTo("X-Tenant-ID is required");
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("detail").asString())
                    .isEqualTo("send the tenant this call acts for in the X-Tenant-ID header (ten_…)");
            assertThat(problem.get("instance").asString()).isEqualTo(path);
        }
    }

    @Test
    void everyEncodedSpellingOfEveryRouteFamilyAnswersWhatThePlainPathAnswers() {
        TestTenant tenant = api.newTenant();
        String admin = api.token(List.of(), List.of("platform:admin"));
        List<String> compared = new ArrayList<>();
        for (String plain : PLAIN) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                String[][] callers = {
                    {null, null},
                    {"junk", null},
                    {tenant.token(), null},
                    {tenant.token(), tenant.id()},
                    {tenant.token(), OTHER_TENANT},
                    {admin, null}
                };
                for (String[] caller : callers) {
                    Response expected = call(method, plain, caller[0], caller[1]);
                    assertThat(expected.status()).as(method + " " + plain).isLessThan(500);
                    for (String variant : encodings(plain)) {
                        Response actual = call(method, variant, caller[0], caller[1]);
                        assertThat(outcome(actual))
                                .as("%s %s (token %s, tenant %s)", method, variant, caller[0] != null, caller[1])
                                .isEqualTo(outcome(expected));
                        compared.add(variant);
                    }
                }
            }
        }
        assertThat(compared).hasSize(PLAIN.size() * 3 * 6 * 5);
    }

    @Test
    void dotSegmentsDoubleSlashesAndPathParametersAreRefusedAsMalformedNeverServed() {
        TestTenant tenant = api.newTenant();
        for (String path : List.of(
                "/v1/%2e%2e/v1/webhooks",
                "/v1/%2E%2E/%2E%2E/v1/webhooks",
                "/v1/%2e/webhooks",
                "/v1/./webhooks",
                "/v1/../v1/webhooks",
                "//v1/webhooks",
                "/v1//webhooks",
                "/v1;jsessionid=x/webhooks",
                "/v1/webhooks;jsessionid=x",
                "/v1/webhooks%3Bjsessionid=x",
                "/v1/%25/webhooks",
                "/v1/webhooks%2F",
                "/%2e%2e/v1/webhooks")) {
            for (String[] caller :
                    new String[][] {{null, null}, {tenant.token(), null}, {tenant.token(), tenant.id()}}) {
                Response response = api.get(path, caller[0], caller[1]);
                assertThat(response.status()).as(path).isEqualTo(400);
                assertThat(response.contentType()).as(path).startsWith("application/problem+json");
                JsonNode problem = response.json();
                assertThat(problem.get("type").asString()).isEqualTo("https://hookline.dev/problems/invalid-request");
                assertThat(problem.get("title").asString()).isEqualTo("The request is malformed");
                assertThat(problem.get("status").asInt()).isEqualTo(400);
            }
        }
    }

    @Test
    void anotherCaseOrATrailingSlashIsAnUnknownRouteNeverTheRouteItself() {
        TestTenant tenant = api.newTenant();
        for (String path :
                List.of("/V1/webhooks", "/v1/Webhooks", "/%56%31/webhooks", "/v1/webhooks/", "/v1/webhooks%20")) {
            Response response = api.get(path, tenant.token(), tenant.id());
            assertThat(response.status()).as(path + " " + response.raw()).isEqualTo(404);
            assertThat(response.json().get("type").asString())
                    .as(path + " " + response.raw())
                    .isEqualTo("https://hookline.dev/problems/not-found");
        }
        // without a tenant header, what is under /v1 still needs one before anything is looked up
        assertThat(api.get("/v1/webhooks/", tenant.token(), null).status()).isEqualTo(400);
        assertThat(api.get("/V1/webhooks", null, null).status()).isEqualTo(404);
    }
}
