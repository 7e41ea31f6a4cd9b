package io.hookline.api.webhook;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.tenant.TenantRegistry;
import io.hookline.domain.webhook.WebhookId;
import io.hookline.domain.webhook.WebhookRegistry;
import io.hookline.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/v1/webhooks", produces = "application/json")
@Tag(name = "Webhooks", description = "Subscriptions that receive the tenant's events")
class WebhookController {

    private static final String LIST = "webhooks";

    private final WebhookRegistry webhooks;
    private final Pagination pagination;
    private final TenantRegistry tenants;

    WebhookController(WebhookRegistry webhooks, Pagination pagination, TenantRegistry tenants) {
        this.webhooks = webhooks;
        this.pagination = pagination;
        this.tenants = tenants;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_WEBHOOKS)
    @Operation(
            operationId = "createWebhook",
            summary = "Create a webhook (the response shows its secret, once)",
            description = "Needs only webhooks:write, whatever the signatureScheme: the secret is new and shown"
                    + " to this caller anyway.")
    ResponseEntity<WebhookResponse> create(
            @Parameter(hidden = true) TenantId tenant, @Valid @RequestBody CreateWebhookRequest request) {
        var created = webhooks.create(tenant, request.toSettings());
        return ResponseEntity.created(
                        URI.create("/v1/webhooks/" + created.webhook().id().value()))
                .body(WebhookResponse.of(created.webhook(), created.secret()));
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_WEBHOOKS)
    @Operation(operationId = "listWebhooks", summary = "List webhooks, oldest first")
    ResponseEntity<WebhookList> list(
            @Parameter(hidden = true) TenantId tenant,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        var page = webhooks.list(tenant, pagination.request(LIST, limit, cursor));
        int webhookLimit = tenants.get(tenant).webhookLimit();
        return pagination.respond(
                LIST, page, WebhookResponse::of, (data, next) -> new WebhookList(data, next, webhookLimit));
    }

    @GetMapping("/{id}")
    @PreAuthorize(Scopes.CAN_READ_WEBHOOKS)
    @Operation(operationId = "getWebhook", summary = "Get a webhook")
    WebhookResponse get(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        return WebhookResponse.of(webhooks.get(tenant, WebhookId.fromPath(id)));
    }

    @PatchMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_WEBHOOKS)
    @Operation(
            operationId = "updateWebhook",
            summary = "Change a webhook; enabled=true re-enables it and resets its failure count",
            description = "Changing the url, headers or signatureScheme of an x-secret webhook, switching a webhook"
                    + " to x-secret, or giving a webhook with credential headers a new url (unless their values"
                    + " are sent again) needs the webhooks:secrets scope (403 otherwise). A credential header"
                    + " sent back as \"********\" keeps its stored value.")
    WebhookResponse update(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Valid @RequestBody UpdateWebhookRequest request,
            @Parameter(hidden = true) Authentication caller) {
        boolean secretsScope = caller.getAuthorities().stream()
                .anyMatch(authority -> Scopes.SECRETS_AUTHORITY.equals(authority.getAuthority()));
        return WebhookResponse.of(webhooks.update(tenant, WebhookId.fromPath(id), request.toPatch(), secretsScope));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Scopes.CAN_WRITE_WEBHOOKS)
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook")
    ResponseEntity<Void> delete(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        webhooks.delete(tenant, WebhookId.fromPath(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/secret/rotate", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_MANAGE_SECRETS)
    @Operation(
            operationId = "rotateWebhookSecret",
            summary = "Replace the signing secret; the old one signs alongside until the grace ends")
    WebhookResponse rotate(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Valid @RequestBody RotateSecretRequest request) {
        int grace = request.graceSeconds() == null ? 86_400 : request.graceSeconds();
        var rotated = webhooks.rotateSecret(tenant, WebhookId.fromPath(id), Duration.ofSeconds(grace));
        return WebhookResponse.of(rotated.webhook(), rotated.secret());
    }
}
