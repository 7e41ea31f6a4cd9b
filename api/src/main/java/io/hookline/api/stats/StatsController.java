package io.hookline.api.stats;

import io.hookline.api.security.Scopes;
import io.hookline.delivery.stats.DeliveryStatistics;
import io.hookline.delivery.stats.StatsWindow;
import io.hookline.domain.webhook.WebhookId;
import io.hookline.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Statistics", description = "Delivery statistics: attempts by outcome, success rate, latency")
class StatsController {

    private static final String WINDOW = "24h, 7d or 30d: the last 24 hours in hourly buckets, or the last 7 or 30"
            + " days (UTC) in daily buckets, ending with the current hour or day";
    private static final String HOW = " Counted by the delivery worker as it records each attempt (test sends"
            + " included), into hourly figures; a bucket's attempts are those that started in it,"
            + " its deliveries those that became succeeded or failed in it. 422 for any other window.";

    private final DeliveryStatistics statistics;

    StatsController(DeliveryStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping(path = "/v1/webhooks/{id}/stats", produces = "application/json")
    @PreAuthorize(Scopes.CAN_READ_WEBHOOKS)
    @Operation(
            operationId = "getWebhookStats",
            summary = "A webhook's delivery statistics over a window",
            description = "404 for a webhook the tenant does not have." + HOW)
    WebhookStatsResponse webhook(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Parameter(
                            description = WINDOW,
                            schema =
                                    @Schema(
                                            allowableValues = {"24h", "7d", "30d"},
                                            defaultValue = "24h"))
                    @RequestParam(defaultValue = "24h")
                    String window) {
        StatsWindow parsed = StatsWindow.of(window);
        return WebhookStatsResponse.of(statistics.webhook(tenant, WebhookId.fromPath(id), parsed));
    }

    @GetMapping(path = "/v1/stats", produces = "application/json")
    @PreAuthorize(Scopes.CAN_READ_WEBHOOKS)
    @Operation(
            operationId = "getTenantStats",
            summary = "The delivery statistics of all the tenant's webhooks over a window",
            description = "Webhooks deleted within the window still count." + HOW)
    TenantStatsResponse tenant(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(
                            description = WINDOW,
                            schema =
                                    @Schema(
                                            allowableValues = {"24h", "7d", "30d"},
                                            defaultValue = "24h"))
                    @RequestParam(defaultValue = "24h")
                    String window) {
        return TenantStatsResponse.of(statistics.tenant(tenant, StatsWindow.of(window)));
    }
}
