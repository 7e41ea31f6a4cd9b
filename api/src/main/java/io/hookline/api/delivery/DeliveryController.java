package io.hookline.api.delivery;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.delivery.log.DeliveryLog;
import io.hookline.delivery.log.DeliverySearch;
import io.hookline.delivery.worker.Acknowledgements;
import io.hookline.delivery.worker.AttemptResult;
import io.hookline.delivery.worker.WebhookTester;
import io.hookline.domain.webhook.WebhookId;
import io.hookline.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Deliveries", description = "The delivery log, resend, recover and test")
class DeliveryController {

    private static final String LIST = "deliveries";
    private static final String SEARCH = "deliveries-of-tenant";

    private final DeliveryLog deliveries;
    private final WebhookTester tester;
    private final Acknowledgements acknowledgements;
    private final Pagination pagination;

    DeliveryController(
            DeliveryLog deliveries, WebhookTester tester, Acknowledgements acknowledgements, Pagination pagination) {
        this.deliveries = deliveries;
        this.tester = tester;
        this.acknowledgements = acknowledgements;
        this.pagination = pagination;
    }

    @GetMapping(path = "/v1/webhooks/{id}/deliveries", produces = "application/json")
    @PreAuthorize(Scopes.CAN_READ_WEBHOOKS)
    @Operation(operationId = "listDeliveries", summary = "A webhook's deliveries, newest first")
    ResponseEntity<DeliveryList> list(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Parameter(
                            description = "Only deliveries in this state",
                            schema =
                                    @Schema(
                                            allowableValues = {"pending", "delivering", "waiting", "succeeded", "failed"
                                            }))
                    @RequestParam(required = false)
                    @Nullable
                    String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable
                    OffsetDateTime since,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        var page =
                deliveries.list(tenant, WebhookId.fromPath(id), status, since, pagination.request(LIST, limit, cursor));
        return pagination.respond(LIST, page, DeliveryResponse::of, DeliveryList::new);
    }

    @GetMapping(path = "/v1/deliveries", produces = "application/json")
    @PreAuthorize(Scopes.CAN_READ_WEBHOOKS)
    @Operation(
            operationId = "searchDeliveries",
            summary = "The tenant's deliveries across all its webhooks, newest first",
            description = "Filters combine with AND. 404 when webhookId or eventId names no webhook or event of the"
                    + " tenant (another tenant's id included). 422 for a status or eventType outside their values, or"
                    + " until before since, or a responseStatus outside 100..599. 400 for a since or until that is not an RFC 3339 date-time, a limit"
                    + " outside 1..100, or a cursor of another list.")
    ResponseEntity<DeliveryList> search(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(description = "Only this webhook's deliveries") @RequestParam(required = false) @Nullable
                    String webhookId,
            @Parameter(description = "Only deliveries of this event type (a catalog name)")
                    @RequestParam(required = false)
                    @Nullable
                    String eventType,
            @Parameter(description = "Only the deliveries of this event") @RequestParam(required = false) @Nullable
                    String eventId,
            @Parameter(
                            description = "Only deliveries in this state",
                            schema =
                                    @Schema(
                                            allowableValues = {"pending", "delivering", "waiting", "succeeded", "failed"
                                            }))
                    @RequestParam(required = false)
                    @Nullable
                    String status,
            @Parameter(description = "Deliveries created at or after this time (RFC 3339)")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime since,
            @Parameter(description = "Deliveries created before this time (RFC 3339, exclusive)")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime until,
            @Parameter(
                            description = "Only deliveries whose latest attempt got this HTTP status (100..599)",
                            schema = @Schema(type = "integer", format = "int32", minimum = "100", maximum = "599"))
                    @RequestParam(required = false)
                    @Nullable
                    Integer responseStatus,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        var page = deliveries.search(
                tenant,
                new DeliverySearch(webhookId, eventType, eventId, status, since, until, responseStatus),
                pagination.request(SEARCH, limit, cursor));
        return pagination.respond(SEARCH, page, DeliveryResponse::of, DeliveryList::new);
    }

    @GetMapping(path = "/v1/deliveries/{id}", produces = "application/json")
    @PreAuthorize(Scopes.CAN_READ_WEBHOOKS)
    @Operation(operationId = "getDelivery", summary = "A delivery with every attempt")
    DeliveryResponse get(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        return DeliveryResponse.of(deliveries.get(tenant, id));
    }

    @PostMapping(path = "/v1/deliveries/{id}/resend", produces = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_WEBHOOKS)
    @Operation(operationId = "resendDelivery", summary = "Queue one more attempt of a delivery now")
    ResponseEntity<DeliveryResponse> resend(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        return ResponseEntity.accepted().body(DeliveryResponse.of(deliveries.resend(tenant, id)));
    }

    @PostMapping(path = "/v1/webhooks/{id}/recover", consumes = "application/json", produces = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_WEBHOOKS)
    @Operation(
            operationId = "recoverDeliveries",
            summary = "Re-queue every failed delivery of the webhook since a time",
            description = "With dryRun true, answers 200 with how many would be queued and changes nothing.")
    ResponseEntity<RecoverResponse> recover(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Valid @RequestBody RecoverRequest request) {
        WebhookId webhook = WebhookId.fromPath(id);
        if (Boolean.TRUE.equals(request.dryRun())) {
            return ResponseEntity.ok(
                    new RecoverResponse(deliveries.countRecoverable(tenant, webhook, request.since()), true));
        }
        int recovered = deliveries.recover(tenant, webhook, request.since());
        return ResponseEntity.accepted().body(new RecoverResponse(recovered, false));
    }

    @PostMapping(path = "/v1/webhooks/{id}/test", produces = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_WEBHOOKS)
    @Operation(
            operationId = "testWebhook",
            summary = "Send a test event now (webhook.test, or a sample of any catalog type) and answer the attempt",
            description = "The body is optional. An eventType outside the catalog is a 422.")
    TestResponse test(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Valid @RequestBody(required = false) @Nullable TestRequest request) {
        String eventType = request == null ? null : request.eventType();
        AttemptResult result = tester.test(tenant, WebhookId.fromPath(id), eventType);
        return new TestResponse(result.succeeded(), result.statusCode(), result.durationMs(), result.error());
    }

    @PostMapping(path = "/acks/{token}", consumes = "application/json")
    @Operation(
            operationId = "acknowledgeDelivery",
            summary =
                    "Settle a delivery answered with 202 (the capability link from the delivery's meta.link; no token needed)",
            description = "The receiver of a webhook with asyncAcknowledgement answers a delivery 202, works on it, and"
                    + " then POSTs done or failed here. The link is a capability: 32 random bytes that settle this one"
                    + " waiting delivery and nothing else, stored only as a hash, useless once the delivery is settled."
                    + " It needs no bearer token, since the receiver has none; calls spend a per-address budget of"
                    + " their own (hookline.ratelimit.acknowledgement-*). 404 for a link that settles nothing (unknown,"
                    + " used, or its delivery no longer waiting).",
            security = {})
    @ApiResponse(responseCode = "204", description = "The delivery is settled")
    ResponseEntity<Void> acknowledge(
            @Parameter(
                            description = "The link's capability token (43 base64url characters)",
                            schema = @Schema(maxLength = 43, pattern = "^[A-Za-z0-9_-]{43}$"))
                    @PathVariable
                    String token,
            @Valid @RequestBody AckRequest request) {
        acknowledgements.acknowledge(token, request.status().equals("done"), request.reason());
        return ResponseEntity.noContent().build();
    }
}
