package io.hookline.api.site;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.site.SiteUserRegistry;
import io.hookline.domain.sync.SyncFilter;
import io.hookline.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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
@RequestMapping(path = "/v1/sites/{siteId}/users", produces = "application/json")
@Tag(
        name = "Site users",
        description = "The users of a site, pending until approved; every change emits site.user.* events")
class SiteUserController {

    private static final String LIST = "site-users";

    private final SiteUserRegistry users;
    private final Pagination pagination;

    SiteUserController(SiteUserRegistry users, Pagination pagination) {
        this.users = users;
        this.pagination = pagination;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "createSiteUser",
            summary = "Add a user to a site (emits site.user.created, and site.user.approval_requested when pending)")
    ResponseEntity<SiteUserResponse> create(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String siteId,
            @Valid @RequestBody CreateSiteUserRequest request) {
        var user = users.create(tenant, siteId, request.toChanges());
        return ResponseEntity.created(URI.create("/v1/sites/" + siteId + "/users/" + user.id()))
                .body(SiteUserResponse.of(user));
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(
            operationId = "listSiteUsers",
            summary =
                    "List a site's users in (updatedAt, id) order; with updatedAfter, everything changed since a sync")
    ResponseEntity<SiteUserList> list(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String siteId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor,
            @Parameter(description = "Only users created after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime createdAfter,
            @Parameter(description = "Only users changed after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime updatedAfter) {
        var page = users.list(
                tenant,
                siteId,
                new SyncFilter(createdAfter, updatedAfter),
                pagination.request(LIST + ":" + siteId, limit, cursor));
        return pagination.respond(LIST + ":" + siteId, page, SiteUserResponse::of, SiteUserList::new);
    }

    @GetMapping("/{userId}")
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(operationId = "getSiteUser", summary = "Get a site user")
    SiteUserResponse get(
            @Parameter(hidden = true) TenantId tenant, @PathVariable String siteId, @PathVariable String userId) {
        return SiteUserResponse.of(users.get(tenant, siteId, userId));
    }

    @PatchMapping(path = "/{userId}", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "updateSiteUser",
            summary = "Change a site user's e-mail or name (emits site.user.updated)")
    SiteUserResponse update(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String siteId,
            @PathVariable String userId,
            @Valid @RequestBody UpdateSiteUserRequest request) {
        return SiteUserResponse.of(users.update(tenant, siteId, userId, request.toChanges()));
    }

    @PostMapping("/{userId}/approve")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "approveSiteUser",
            summary = "Approve a pending site user (emits site.user.updated); 409 invalid-transition if not pending")
    SiteUserResponse approve(
            @Parameter(hidden = true) TenantId tenant, @PathVariable String siteId, @PathVariable String userId) {
        return SiteUserResponse.of(users.approve(tenant, siteId, userId));
    }

    @DeleteMapping("/{userId}")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "deleteSiteUser", summary = "Remove a user from a site (emits site.user.deleted)")
    ResponseEntity<Void> delete(
            @Parameter(hidden = true) TenantId tenant, @PathVariable String siteId, @PathVariable String userId) {
        users.delete(tenant, siteId, userId);
        return ResponseEntity.noContent().build();
    }
}
