package io.hookline.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.NodeTool;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.tenant.Tenant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The TypeScript client in {@code clients/typescript}: its types are what openapi-typescript
 * generates from the committed contract today, the journey type-checks against them, and run
 * with the machine's Node against a real node it creates a webhook to its own receiver,
 * publishes, verifies the delivery with the {@code standardwebhooks} package, pages the
 * delivery log and waits out the 429s its burst provokes. When the contract moves on purpose,
 * {@code -Dhookline.openapi.update=true} regenerates the types as it rewrites the contract.
 */
class TypeScriptJourneyTests {

    private static final Path CLIENT = NodeTool.REPOSITORY.resolve(Path.of("clients", "typescript"));

    private final RunningApp node = RunningApp.sharedWithDelivery();
    private final ApiClient api = node.client();

    @Test
    void anIntegratorWithTheTypeScriptClientSubscribesReceivesVerifiesPagesAndBacksOff() {
        NodeTool.assumeNode("the TypeScript client's journey");
        NodeTool.install(CLIENT);
        boolean update = Boolean.getBoolean("hookline.openapi.update");
        NodeTool.Result types = npm(update ? "generate" : "check-generated", Duration.ofSeconds(60), Map.of());
        assertThat(types.exitCode())
                .as(
                        "clients/typescript/src/schema.d.ts is not what openapi-typescript makes of openapi/openapi.yaml;"
                                + " regenerate it with: (cd clients/typescript && npm run generate)\n%s",
                        types.output())
                .isZero();
        NodeTool.Result build = npm("build", Duration.ofSeconds(90), Map.of());
        assertThat(build.exitCode())
                .as("the journey does not type-check against the generated client:\n%s", build.output())
                .isZero();

        // 10 requests per 2 s: the journey's burst of reads goes over it
        ApiClient.TestTenant tenant = api.newTenant(new Tenant.RateLimit(10, 2, 2), 3);
        NodeTool.Result journey = NodeTool.run(
                CLIENT,
                Map.of(
                        "HOOKLINE_URL", node.baseUrl(),
                        "HOOKLINE_TOKEN", tenant.token(),
                        "HOOKLINE_TENANT", tenant.id()),
                Duration.ofSeconds(60),
                "node",
                "dist/journey.js");
        assertThat(journey.exitCode()).as(journey.output()).isZero();

        JsonNode seen = ApiClient.JSON.readTree(journey.lastLine());
        assertThat(seen.get("verified").asBoolean()).isTrue();
        assertThat(seen.get("tamperedRefused").asBoolean()).isTrue();
        assertThat(seen.get("delivered").asInt()).isEqualTo(5);
        assertThat(seen.get("logged").asInt()).isEqualTo(5);
        assertThat(seen.get("pages").asInt()).as("five deliveries, two a page").isEqualTo(3);
        assertThat(seen.get("answered").asInt()).isEqualTo(15);
        assertThat(seen.get("rateLimited").asInt())
                .as("the burst went over 10 per 2 s and was waited out")
                .isPositive();
        // what the journey saw is what the node holds
        JsonNode deliveries = api.deliveries(tenant, seen.get("webhookId").asString());
        assertThat(deliveries.valueStream().map(d -> d.get("status").asString()))
                .containsExactly("succeeded", "succeeded", "succeeded", "succeeded", "succeeded");
    }

    @Test
    void theIntegratorsGuideShowsTheClientAndTheVerificationTheJourneyRuns() throws IOException {
        String journey = Files.readString(CLIENT.resolve(Path.of("src", "journey.ts")), StandardCharsets.UTF_8);
        String guide = Files.readString(
                NodeTool.REPOSITORY.resolve(Path.of("docs", "integrators.md")), StandardCharsets.UTF_8);
        for (String fragment : List.of("client", "verify")) {
            Matcher marked = Pattern.compile("(?s)// guide:" + fragment + "\\n(.*?)\\n\\s*// guide:end")
                    .matcher(journey);
            assertThat(marked.find())
                    .as("journey.ts marks the %s fragment", fragment)
                    .isTrue();
            assertThat(guide).contains(marked.group(1).stripIndent());
        }
    }

    private static NodeTool.Result npm(String script, Duration timeout, Map<String, String> environment) {
        return NodeTool.run(CLIENT, environment, timeout, "npm", "run", "--silent", script);
    }
}
