package io.hookline.api.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.Response;
import io.hookline.api.support.Browser;
import io.hookline.api.support.FakeIssuer;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.tenant.TenantChanges;
import io.hookline.domain.tenant.TenantRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * Sign-in outside dev mode: a node trusting only an OAuth2 issuer (a fake one run by the test),
 * and the portal going through the authorization-code flow with PKCE as a public client.
 */
class PortalSignInTests {

    private static @Nullable FakeIssuer issuer;
    private static @Nullable RunningApp node;
    private static String tenant = "";

    private @Nullable Browser browser;

    @BeforeAll
    static void startIssuerAndNode() {
        String code = "OAUTH"
                + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36)
                        .toUpperCase();
        // the node reads the issuer's discovery document, so the issuer starts first
        FakeIssuer started = new FakeIssuer();
        issuer = started;
        node = RunningApp.start(Map.of(
                "hookline.dev.enabled",
                "false",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                started.issuer(),
                "hookline.portal.client-id",
                FakeIssuer.CLIENT_ID));
        tenant = node.bean(TenantRegistry.class)
                .create(new TenantChanges("OAuth " + code, code.substring(0, Math.min(code.length(), 20)), null, null))
                .id()
                .value();
        started.issueTokensFor(List.of(tenant));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private RunningApp node() {
        if (node == null) {
            throw new IllegalStateException("started before the tests");
        }
        return node;
    }

    private FakeIssuer issuer() {
        if (issuer == null) {
            throw new IllegalStateException("started before the tests");
        }
        return issuer;
    }

    private Browser browser() {
        if (browser == null) {
            browser = Browser.start();
        }
        return browser;
    }

    @Test
    void configNamesTheIssuerAndPublicClientAndThePolicyLetsThePageReachTheIssuer() {
        ApiClient api = node().client();

        Response response = api.get("/portal/config.json", null, null);

        JsonNode config = response.json();
        assertThat(config.get("devMode").asBoolean()).isFalse();
        assertThat(config.get("issuer").asString()).isEqualTo(issuer().issuer());
        assertThat(config.get("clientId").asString()).isEqualTo(FakeIssuer.CLIENT_ID);
        assertThat(config.get("audience").asString()).isEqualTo("hookline-api");
        assertThat(response.header("Content-Security-Policy"))
                .contains("connect-src 'self' " + issuer().issuer() + ";");
        assertThat(api.post("/dev/tokens", Map.of(), null, null).status()).isNotEqualTo(200);
    }

    @Test
    void theAuthorizationCodeFlowWithPkceSignsInAndTheTokenCallsTheApi() throws Exception {
        Browser browser = browser();
        int tokenRequestsBefore = issuer().tokenRequests().size();

        browser.open(node().baseUrl() + "/portal/");
        browser.waitForText(By.cssSelector("main h1"), "Sign in to manage webhooks");
        assertThat(browser.find(By.cssSelector("main .hint")).getText()).contains(issuer().issuer());
        browser.click(By.id("oauth-sign-in"));

        browser.waitForText(By.cssSelector("main h1"), "Webhooks");
        browser.waitForText(By.cssSelector(".list-body"), "No webhooks yet");
        assertThat(browser.find(By.id("tenant-label")).getText()).isEqualTo("Tenant " + tenant);
        String url = browser.driver().getCurrentUrl();
        assertThat(url).doesNotContain("code=").doesNotContain("state=").endsWith("/portal/#/webhooks");

        Map<String, String> authorization = issuer().authorizations().getLast();
        assertThat(authorization)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", FakeIssuer.CLIENT_ID)
                .containsEntry("redirect_uri", node().baseUrl() + "/portal/")
                .containsEntry("scope", "openid webhooks:read webhooks:write webhooks:secrets commerce:read")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("audience", "hookline-api");
        assertThat(authorization.get("state")).hasSizeGreaterThanOrEqualTo(32);
        List<Map<String, String>> tokenRequests = issuer().tokenRequests();
        assertThat(tokenRequests).hasSize(tokenRequestsBefore + 1);
        String verifier =
                java.util.Objects.requireNonNullElse(tokenRequests.getLast().get("code_verifier"), "");
        assertThat(verifier).hasSizeBetween(43, 128);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
                .isEqualTo(authorization.get("code_challenge"));
    }

    @Test
    void aCallbackThatThisBrowserDidNotStartIsRefused() {
        Browser browser = browser();
        int tokenRequestsBefore = issuer().tokenRequests().size();

        browser.open(node().baseUrl() + "/portal/?code=stolen&state=forged");

        String problem = browser.waitForText(By.id("problem"), "Sign-in was not completed");
        assertThat(problem).contains("state mismatch");
        browser.find(By.id("oauth-sign-in"));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("stolen");
        assertThat(issuer().tokenRequests()).hasSize(tokenRequestsBefore);
    }
}
