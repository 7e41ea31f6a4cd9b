package io.hookline.api.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.Receiver.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * Delivery statistics in the portal (GET /v1/webhooks/{id}/stats and GET /v1/stats), drawn as
 * inline SVG: a sparkline per row of the list, a webhook's volume/success-rate and latency
 * charts over a chosen window with their numbers behind a toggle, and the tenant overview. Every
 * test but the last needs the node to serve the statistics endpoints; the last hides them to
 * check that the portal degrades to a note.
 */
class PortalChartsTests extends PortalBrowserTest {

    /** One webhook with two succeeded and one failed attempt, counted by the statistics. */
    private String webhookWithTraffic(TestTenant tenant) {
        Map<String, Object> spec = webhook("Charted", "/charted");
        spec.put("retry", Map.of("enabled", false));
        String id = create(tenant, spec).get("id").asString();
        receiver.then(Reply.status(200), Reply.status(200), Reply.status(500));
        publish(tenant, "order.placed");
        awaitSettled(tenant, id, 1);
        publish(tenant, "order.placed");
        awaitSettled(tenant, id, 2);
        publish(tenant, "order.placed");
        awaitSettled(tenant, id, 3);
        // counted in the transaction that settled the deliveries: there is nothing more to wait for
        var response = api.get("/v1/webhooks/" + id + "/stats?window=24h", tenant);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("totals").get("attempts").asInt()).isEqualTo(3);
        return id;
    }

    @Test
    void eachRowOfTheListShowsItsTwentyFourHourHealthWithASparkline() {
        TestTenant tenant = api.newTenant();
        String id = webhookWithTraffic(tenant);
        signInAs(tenant);

        WebElement health = browser.find(By.cssSelector("tr[data-webhook-id='" + id + "'] .health"));
        assertThat(health.findElement(By.cssSelector(".success-rate")).getText())
                .isEqualTo("66.7 %");
        assertThat(health.findElement(By.cssSelector(".volume")).getText()).isEqualTo("3 attempts");
        assertThat(health.findElement(By.cssSelector(".failure-classes")).getText())
                .isEqualTo("1 5xx");
        WebElement sparkline = health.findElement(By.cssSelector("svg.sparkline"));
        assertThat(sparkline.getDomAttribute("role")).isEqualTo("img");
        assertThat(sparkline.getDomAttribute("aria-label"))
                .isEqualTo("the last 24 hours: 3 attempts, 66.7 % succeeded");
        assertThat(sparkline.findElements(By.cssSelector("rect.bar-ok"))).isNotEmpty();
        assertThat(sparkline.findElements(By.cssSelector("rect.bar-failed"))).isNotEmpty();
        browser.screenshot("portal-webhooks");
    }

    @Test
    void aWebhooksChartsFollowTheChosenWindowAndShowTheirNumbersBehindAToggle() {
        TestTenant tenant = api.newTenant();
        String id = webhookWithTraffic(tenant);
        JsonNode stats =
                api.get("/v1/webhooks/" + id + "/stats?window=24h", tenant).json();
        signInAs(tenant, "#/webhooks/" + id);
        browser.waitForText(By.cssSelector("main h1"), "Charted");

        WebElement volume = browser.find(By.cssSelector("svg.volume-chart"));
        assertThat(volume.getDomAttribute("aria-label"))
                .isEqualTo("Attempts and success rate over the last 24 hours: 3 attempts, 66.7 % succeeded");
        assertThat(volume.findElements(By.cssSelector("rect.bar-ok"))).isNotEmpty();
        assertThat(volume.findElements(By.cssSelector("polyline.line-rate, circle.dot-rate")))
                .isNotEmpty();
        WebElement latency = browser.find(By.cssSelector("svg.latency-chart"));
        assertThat(latency.getDomAttribute("aria-label"))
                .isEqualTo("Latency over the last 24 hours: p50 "
                        + stats.get("totals").get("latencyMs").get("p50").asInt() + " ms, p95 "
                        + stats.get("totals").get("latencyMs").get("p95").asInt() + " ms, p99 "
                        + stats.get("totals").get("latencyMs").get("p99").asInt() + " ms");
        assertThat(browser.find(By.cssSelector(".stats-summary")).getText())
                .startsWith("The last 24 hours: 3 attempts, 66.7 % succeeded");

        // the numbers, behind a toggle
        WebElement toggle = browser.find(By.cssSelector(".chart-volume button.numbers-toggle"));
        assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("false");
        toggle.click();
        assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("true");
        WebElement table = browser.find(By.cssSelector(".chart-volume table.numbers-volume"));
        assertThat(table.findElement(By.cssSelector("tfoot")).getText())
                .startsWith("Whole window 3 2 1 0 0 0 1 0 66.7 %");
        assertThat(table.findElements(By.cssSelector("tbody tr")))
                .hasSize(stats.get("buckets").size());
        assertThat(focusIsIn(".chart-volume button.numbers-toggle")).isTrue();
        browser.screenshot("portal-webhook-charts");

        // another window: day buckets, kept in the address
        browser.click(By.cssSelector("input[data-window='7d']"));
        browser.waitForText(By.cssSelector(".stats-summary"), "The last 7 days: 3 attempts");
        assertThat(browser.driver().getCurrentUrl()).endsWith("?window=7d");
        assertThat(browser.find(By.cssSelector(".chart-volume table.numbers-volume caption"))
                        .getDomProperty("textContent"))
                .isEqualTo("Attempts per day, the last 7 days");
        browser.driver().navigate().refresh();
        browser.waitForText(By.cssSelector(".stats-summary"), "The last 7 days");
        assertThat(browser.find(By.cssSelector("input[data-window='7d']")).isSelected())
                .isTrue();
    }

    @Test
    void theOverviewShowsTheTenantsTrafficAndEachWebhooksShare() {
        TestTenant tenant = api.newTenant();
        String id = webhookWithTraffic(tenant);
        signInAs(tenant, "#/overview");
        browser.waitForText(By.cssSelector("main h1"), "Overview");

        browser.waitForText(By.cssSelector(".stats-summary"), "The last 24 hours: 3 attempts, 66.7 % succeeded");
        assertThat(browser.find(By.cssSelector("svg.volume-chart")).getDomAttribute("aria-label"))
                .contains("3 attempts");
        WebElement listed = browser.find(By.cssSelector(".overview-table tr[data-webhook-id='" + id + "'] .health"));
        assertThat(listed.getText()).contains("66.7 %").contains("3 attempts");
        assertThat(browser.find(By.cssSelector("#mainnav a[data-nav='overview']"))
                        .getDomAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("portal-overview");
    }

    @Test
    void withoutTheStatisticsEndpointTheChartsAreHiddenWithANote() {
        TestTenant tenant = api.newTenant();
        String id = create(tenant, webhook("No stats", "/no-stats")).get("id").asString();
        signInAs(tenant);
        // the page's own fetch answers 404 for the statistics, as a node without them does
        browser.script("""
                const real = window.fetch;
                window.fetch = (url, init) => String(url).includes('/stats')
                  ? Promise.resolve(new Response(JSON.stringify({title: 'Not Found', status: 404}),
                      {status: 404, headers: {'Content-Type': 'application/problem+json'}}))
                  : real(url, init);
                location.hash = arguments[0];
                """, "#/webhooks/" + id);

        browser.waitForText(By.cssSelector("main h1"), "No stats");
        assertThat(browser.waitForText(By.cssSelector(".stats .stats-unavailable"), "not available"))
                .isEqualTo("Statistics are not available on this node (it does not serve them yet), so the charts"
                        + " are hidden.");
        assertThat(browser.driver().findElements(By.cssSelector("svg.chart"))).isEmpty();
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".window-choice"))
                        .isDisplayed())
                .isFalse();
        assertThat(browser.driver().findElement(By.id("problem")).isDisplayed()).isFalse();

        browser.script("location.hash = '#/webhooks'");
        assertThat(browser.waitForText(
                        By.cssSelector("tr[data-webhook-id='" + id + "'] .health-cell"), "No statistics"))
                .isEqualTo("No statistics");
        browser.script("location.hash = '#/overview'");
        browser.waitForText(By.cssSelector(".stats .stats-unavailable"), "not available");
    }
}
