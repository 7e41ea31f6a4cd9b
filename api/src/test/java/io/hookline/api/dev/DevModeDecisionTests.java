package io.hookline.api.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.api.HooklineApplication;
import io.hookline.api.support.FakeIssuer;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.tenant.TenantRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * Dev mode never reaches production: it is on only when neither a datasource URL nor an
 * identity provider is configured, {@code hookline.dev.enabled=false} always wins, and asking
 * for it beside an identity provider refuses to start.
 */
class DevModeDecisionTests {

    private final HttpClient http = HttpClient.newHttpClient();

    /** A node on the embedded default (no datasource URL), in a folder of its own. */
    private static ConfigurableApplicationContext startEmbedded(String... settings) throws Exception {
        Path dir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "devmode");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--hookline.embedded.dir=" + dir));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        return new SpringApplicationBuilder(HooklineApplication.class).run(args.toArray(String[]::new));
    }

    private int post(ConfigurableApplicationContext node, String path) throws Exception {
        String base = "http://localhost:" + node.getEnvironment().getProperty("local.server.port");
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void anIdentityProviderWithoutADatabaseKeepsDevModeOffSoNobodyCanMintAToken() throws Exception {
        try (FakeIssuer issuer = new FakeIssuer();
                ConfigurableApplicationContext node =
                        startEmbedded("spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer())) {
            assertThat(node.getEnvironment().getProperty("hookline.dev.active")).isEqualTo("false");
            assertThat(post(node, "/dev/tokens")).isEqualTo(404);
            assertThat(node.getBean(TenantRegistry.class).findByAdministrationCode("DEMO01"))
                    .isEmpty();
            assertThat(node.getBeanNamesForType(io.hookline.api.security.DevKeys.class))
                    .isEmpty();
        }
    }

    @Test
    void devModeSwitchedOffOnTheEmbeddedDefaultStaysOffAndTheNodeAsksForAnIdentityProvider() {
        assertThatThrownBy(() -> startEmbedded("hookline.dev.enabled=false").close())
                .rootCause()
                .hasMessageContaining("no identity provider configured");
    }

    @Test
    void theEmbeddedDefaultAloneTurnsDevModeOn() throws Exception {
        try (ConfigurableApplicationContext node = startEmbedded()) {
            assertThat(node.getEnvironment().getProperty("hookline.dev.active")).isEqualTo("true");
            assertThat(post(node, "/dev/tokens")).isEqualTo(200);
        }
    }

    @Test
    void aConfiguredDatabaseWithoutAnExplicitSwitchKeepsDevModeOff() {
        // the test harness turns dev mode on explicitly; without that, a real datasource means production
        assertThatThrownBy(() -> RunningApp.start(Map.of("hookline.dev.enabled", "")))
                .rootCause()
                .hasMessageContaining("no identity provider configured");
    }

    @Test
    void devModeAskedForBesideAnIdentityProviderRefusesToStart() {
        for (String provider : List.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri")) {
            assertThatThrownBy(() -> RunningApp.start(Map.of(
                            "hookline.dev.enabled",
                            "true",
                            provider,
                            "http://127.0.0.1:9",
                            "hookline.security.issuer",
                            "http://127.0.0.1:9")))
                    .as(provider)
                    .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                            .hasMessageContaining(
                                    "hookline.dev.enabled=true cannot be combined with an identity provider"));
        }
    }
}
