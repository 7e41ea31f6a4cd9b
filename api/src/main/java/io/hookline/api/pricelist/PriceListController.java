package io.hookline.api.pricelist;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.pricelist.PriceListRegistry;
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
@RequestMapping(path = "/v1/price-lists", produces = "application/json")
@Tag(name = "Price lists", description = "The tenant's price lists; every change emits pricelist.* events")
class PriceListController {

    private static final String LIST = "price-lists";

    private final PriceListRegistry priceLists;
    private final Pagination pagination;

    PriceListController(PriceListRegistry priceLists, Pagination pagination) {
        this.priceLists = priceLists;
        this.pagination = pagination;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "createPriceList", summary = "Create a price list (emits pricelist.created)")
    ResponseEntity<PriceListResponse> create(
            @Parameter(hidden = true) TenantId tenant, @Valid @RequestBody CreatePriceListRequest request) {
        var priceList = priceLists.create(tenant, request.toChanges());
        return ResponseEntity.created(URI.create("/v1/price-lists/" + priceList.id()))
                .body(PriceListResponse.of(priceList));
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(
            operationId = "listPriceLists",
            summary = "List price lists in (updatedAt, id) order; with updatedAfter, everything changed since a sync")
    ResponseEntity<PriceListList> list(
            @Parameter(hidden = true) TenantId tenant,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor,
            @Parameter(description = "Only price lists created after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime createdAfter,
            @Parameter(description = "Only price lists changed after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime updatedAfter) {
        var page = priceLists.list(
                tenant, new SyncFilter(createdAfter, updatedAfter), pagination.request(LIST, limit, cursor));
        return pagination.respond(LIST, page, PriceListResponse::of, PriceListList::new);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(operationId = "getPriceList", summary = "Get a price list")
    PriceListResponse get(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        return PriceListResponse.of(priceLists.get(tenant, id));
    }

    @PatchMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "updatePriceList", summary = "Change a price list (emits pricelist.updated)")
    PriceListResponse update(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Valid @RequestBody UpdatePriceListRequest request) {
        return PriceListResponse.of(priceLists.update(tenant, id, request.toChanges()));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "deletePriceList", summary = "Delete a price list (emits pricelist.deleted)")
    ResponseEntity<Void> delete(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        priceLists.delete(tenant, id);
        return ResponseEntity.noContent().build();
    }
}
