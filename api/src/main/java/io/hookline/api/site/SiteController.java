package io.hookline.api.site;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.site.SiteRegistry;
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
@RequestMapping(path = "/v1/sites", produces = "application/json")
@Tag(name = "Sites", description = "The tenant's storefront sites; every change emits site.* events carrying the site")
class SiteController {

    private static final String LIST = "sites";

    private final SiteRegistry sites;
    private final Pagination pagination;

    SiteController(SiteRegistry sites, Pagination pagination) {
        this.sites = sites;
        this.pagination = pagination;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "createSite", summary = "Create a site (emits site.created)")
    ResponseEntity<SiteResponse> create(
            @Parameter(hidden = true) TenantId tenant, @Valid @RequestBody CreateSiteRequest request) {
        var site = sites.create(tenant, request.toChanges());
        return ResponseEntity.created(URI.create("/v1/sites/" + site.id())).body(SiteResponse.of(site));
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(
            operationId = "listSites",
            summary = "List sites in (updatedAt, id) order; with updatedAfter, everything changed since a sync")
    ResponseEntity<SiteList> list(
            @Parameter(hidden = true) TenantId tenant,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor,
            @Parameter(description = "Only sites created after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime createdAfter,
            @Parameter(description = "Only sites changed after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime updatedAfter) {
        var page =
                sites.list(tenant, new SyncFilter(createdAfter, updatedAfter), pagination.request(LIST, limit, cursor));
        return pagination.respond(LIST, page, SiteResponse::of, SiteList::new);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(operationId = "getSite", summary = "Get a site")
    SiteResponse get(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        return SiteResponse.of(sites.get(tenant, id));
    }

    @PatchMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "updateSite", summary = "Change a site (emits site.updated)")
    SiteResponse update(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Valid @RequestBody UpdateSiteRequest request) {
        return SiteResponse.of(sites.update(tenant, id, request.toChanges()));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "deleteSite",
            summary = "Delete a site and its users (emits site.user.deleted for each user, then site.deleted)")
    ResponseEntity<Void> delete(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        sites.delete(tenant, id);
        return ResponseEntity.noContent().build();
    }
}
