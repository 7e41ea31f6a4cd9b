package io.hookline.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.HooklineApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The README's first command: no database configured, and the node brings its own. */
class EmbeddedDefaultTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext start(Path dir) {
        return new SpringApplicationBuilder(HooklineApplication.class)
                .run("--server.port=0", "--hookline.embedded.dir=" + dir);
    }

    private JsonNode post(String url, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return JSON.readTree(
                http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void withoutADatabaseTheNodeStartsItsOwnAndKeepsDataAndKeysBetweenRuns() throws Exception {
        Path dir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "embedded");
        String tenant;
        String token;
        String webhook;
        try (ConfigurableApplicationContext first = start(dir)) {
            String base = "http://localhost:" + first.getEnvironment().getProperty("local.server.port");
            assertThat(first.getEnvironment().getProperty("hookline.dev.active"))
                    .isEqualTo("true");
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode issued = post(base + "/dev/tokens", "{}");
            tenant = issued.get("tenantId").asString();
            token = issued.get("token").asString();
            webhook = post(
                            base + "/v1/webhooks",
                            JSON.writeValueAsString(java.util.Map.of(
                                    "name",
                                    "kept",
                                    "url",
                                    "https://erp.example.com/h",
                                    "events",
                                    List.of("order.placed"))),
                            "Authorization",
                            "Bearer " + token,
                            "X-Tenant-ID",
                            tenant)
                    .get("id")
                    .asString();
        }
        assertThat(dir.resolve("pgdata")).isDirectory();
        assertThat(dir.resolve("secrets-encryption.key")).isRegularFile();

        try (ConfigurableApplicationContext second = start(dir)) {
            String base = "http://localhost:" + second.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> kept = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/webhooks/" + webhook))
                            .header("Authorization", "Bearer " + token)
                            .header("X-Tenant-ID", tenant)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(kept.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(kept.body()).get("name").asString()).isEqualTo("kept");
            assertThat(post(base + "/dev/tokens", "{}").get("tenantId").asString())
                    .isEqualTo(tenant);
        }
    }
}
