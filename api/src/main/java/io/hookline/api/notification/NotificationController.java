package io.hookline.api.notification;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.notification.NotificationInbox;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Notifications", description = "What a person is told about the tenant's webhooks, and where")
class NotificationController {

    private static final String LIST = "notifications";

    private final NotificationInbox inbox;
    private final Pagination pagination;

    NotificationController(NotificationInbox inbox, Pagination pagination) {
        this.inbox = inbox;
        this.pagination = pagination;
    }

    @GetMapping(path = "/v1/notifications", produces = "application/json")
    @PreAuthorize(Scopes.CAN_READ_WEBHOOKS)
    @Operation(
            operationId = "listNotifications",
            summary = "The tenant's notifications, newest first, with the caller's unread count",
            description = "read and unreadCount are the caller's own (the token's subject): marking notifications"
                    + " read changes nobody else's.")
    ResponseEntity<NotificationList> list(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(hidden = true) CallerContext.Caller caller,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        var listing = inbox.list(tenant, caller.subject(), pagination.request(LIST, limit, cursor));
        return pagination.respond(
                LIST,
                listing.page(),
                NotificationResponse::of,
                (data, next) -> new NotificationList(data, next, listing.unreadCount()));
    }

    @PostMapping(path = "/v1/notifications/read", consumes = "application/json", produces = "application/json")
    @PreAuthorize(Scopes.CAN_READ_WEBHOOKS)
    @Operation(
            operationId = "markNotificationsRead",
            summary = "Mark the caller's notifications read, all of them or up to one",
            description = "A mark only moves forward: marking up to an older notification keeps what was read."
                    + " 404 when upTo names no notification of the tenant.")
    MarkReadResponse markRead(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(hidden = true) CallerContext.Caller caller,
            @Valid @RequestBody MarkReadRequest request) {
        return new MarkReadResponse(inbox.markRead(tenant, caller.subject(), request.upTo()));
    }
}
