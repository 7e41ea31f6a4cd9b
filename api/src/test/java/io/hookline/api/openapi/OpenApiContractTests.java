package io.hookline.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.RunningApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The committed {@code openapi/openapi.yaml} is what the server serves. When a change moves the
 * contract on purpose, rewrite the file with:
 *
 * <pre>./mvnw -pl api -am verify -Dtest=OpenApiContractTests -Dsurefire.failIfNoSpecifiedTests=false -Dhookline.openapi.update=true</pre>
 *
 * <p>then regenerate the TypeScript client's types ({@code cd clients/typescript && npm run
 * generate}, or run {@code TypeScriptJourneyTests} with the same flag) and check the contract
 * still passes {@code ContractLintTests}.
 */
class OpenApiContractTests {

    static final String UPDATE_COMMAND = "./mvnw -pl api -am verify -Dtest=OpenApiContractTests"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dhookline.openapi.update=true";

    private final RunningApp app = RunningApp.shared();
    private final ApiClient api = app.client();

    @Test
    void theServedSpecIsTheCommittedContract() throws IOException {
        String served = api.get("/v3/api-docs.yaml", null, null).raw();
        Path committed =
                Path.of("..", "openapi", "openapi.yaml").toAbsolutePath().normalize();
        if (Boolean.getBoolean("hookline.openapi.update")) {
            Files.writeString(committed, served, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(committed))
                .as("%s is missing; create it with: %s", committed, UPDATE_COMMAND)
                .isTrue();
        assertThat(served)
                .as("the served OpenAPI differs from %s; if the change is intended, run: %s", committed, UPDATE_COMMAND)
                .isEqualTo(Files.readString(committed, StandardCharsets.UTF_8));
    }

    @Test
    void everyOperationHasAStableIdATagAndNamedBodies() {
        JsonNode spec = api.get("/v3/api-docs", null, null).json();
        assertThat(spec.get("openapi").asString()).startsWith("3.1");
        List<String> problems = new ArrayList<>();
        spec.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    JsonNode operation = entry.getValue();
                    String where = entry.getKey().toUpperCase() + " " + path.getKey();
                    if (!operation.has("operationId")
                            || operation.get("operationId").asString().matches(".*_\\d+$")) {
                        problems.add(where + ": no stable operationId");
                    }
                    if (!operation.has("tags") || operation.get("tags").isEmpty()) {
                        problems.add(where + ": no tag");
                    }
                    JsonNode body = operation
                            .path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("schema");
                    if (!body.isMissingNode() && !body.has("$ref")) {
                        problems.add(where + ": inline request schema");
                    }
                    operation
                            .path("responses")
                            .properties()
                            .forEach(response -> response.getValue()
                                    .path("content")
                                    .properties()
                                    .forEach(media -> {
                                        JsonNode schema = media.getValue().path("schema");
                                        if (!schema.isMissingNode() && !schema.has("$ref")) {
                                            problems.add(where + " " + response.getKey() + ": inline response schema");
                                        }
                                    }));
                    if (path.getKey().startsWith("/v1/") && !path.getKey().startsWith("/v1/tenants")) {
                        boolean tenantHeader = false;
                        for (JsonNode parameter : operation.path("parameters")) {
                            tenantHeader |= parameter.path("name").asString().equals("X-Tenant-ID")
                                    && parameter.path("required").asBoolean();
                        }
                        if (!tenantHeader) {
                            problems.add(where + ": no required X-Tenant-ID");
                        }
                        if (!operation.path("responses").has("429")) {
                            problems.add(where + ": no 429");
                        }
                    }
                }));
        assertThat(problems).isEmpty();
        assertThat(spec.path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        JsonNode scheme = spec.path("components")
                .path("schemas")
                .path("CreateWebhookRequest")
                .path("properties")
                .path("signatureScheme");
        assertThat(spec.path("components")
                        .path("schemas")
                        .path("SignatureScheme")
                        .path("enum")
                        .toString())
                .contains("standard", "x-secret", "message-hash");
        assertThat(scheme.isMissingNode()).isFalse();
    }
}
