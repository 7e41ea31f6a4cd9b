package io.hookline.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every kind of client mistake answers a problem+json that says what was wrong, and writes nothing. */
class ProblemResponseTests {

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    private static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://hookline.dev/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("requestId").asString()).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        TestTenant tenant = api.newTenant();
        assertProblem(api.get("/v1/nothing-here", tenant), 404, "not-found");
        assertProblem(api.get("/nothing-here", null, null), 404, "not-found");
    }

    @Test
    void aPathTomcatRefusesIsAProblemTooNotAnHtmlPage() {
        TestTenant tenant = api.newTenant();
        for (String path : new String[] {"/v1/items/a%2Fb", "/v1/items/itm_%00"}) {
            Response response = api.get(path, tenant);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString())
                    .isEqualTo("https://hookline.dev/problems/invalid-request");
            assertThat(response.raw()).doesNotContain("<html");
        }
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() {
        TestTenant tenant = api.newTenant();
        Response response = api.send("PUT", "/v1/webhooks", "{}", tenant.token(), tenant.id(), Map.of());
        assertProblem(response, 405, "method-not-allowed");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaTypeProblem() {
        TestTenant tenant = api.newTenant();
        Response response = api.send(
                "POST",
                "/v1/webhooks",
                "name=x",
                tenant.token(),
                tenant.id(),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        TestTenant tenant = api.newTenant();
        Response response = api.post("/v1/webhooks", "{\"name\": \"x\",", tenant);
        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("detail").asString()).isEqualTo("the request body is not valid JSON");
        assertProblem(api.post("/v1/webhooks", "", tenant), 400, "invalid-request");
    }

    @Test
    void anUnknownFieldIsRefusedSoNothingCanBeMassAssigned() {
        TestTenant tenant = api.newTenant();
        Response response = api.post(
                "/v1/webhooks",
                Map.of(
                        "name",
                        "x",
                        "url",
                        "https://erp.example.com/x",
                        "events",
                        List.of("order.placed"),
                        "consecutiveFailures",
                        0),
                tenant);
        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("consecutiveFailures");
        assertThat(api.get("/v1/webhooks", tenant).json().get("data")).isEmpty();
    }

    @Test
    void aWrongTypeNamesTheField() {
        TestTenant tenant = api.newTenant();
        Response response = api.post(
                "/v1/webhooks",
                Map.of(
                        "name",
                        "x",
                        "url",
                        "https://erp.example.com/x",
                        "events",
                        List.of("order.placed"),
                        "timeoutSeconds",
                        "soon"),
                tenant);
        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("timeoutSeconds");
    }

    @Test
    void missingRequiredFieldsAreValidationProblemsWithEveryField() {
        TestTenant tenant = api.newTenant();
        Response response = api.post("/v1/webhooks", Map.of(), tenant);
        assertProblem(response, 422, "validation-failed");
        List<String> fields = response.json()
                .get("errors")
                .valueStream()
                .map(e -> e.get("field").asString())
                .toList();
        assertThat(fields).contains("name", "url", "events");
    }

    @Test
    void aBodyOver256KiBIsTooLargeWhetherDeclaredOrStreamed() throws Exception {
        TestTenant tenant = api.newTenant();
        String big = "{\"name\": \"" + "x".repeat(300 * 1024) + "\"}";
        assertProblem(api.post("/v1/webhooks", big, tenant), 413, "payload-too-large");

        HttpRequest chunked = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/webhooks"))
                .header("Authorization", "Bearer " + tenant.token())
                .header("X-Tenant-ID", tenant.id())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("https://hookline.dev/problems/payload-too-large");
        assertThat(api.get("/v1/webhooks", tenant).json().get("data")).isEmpty();
    }
}
