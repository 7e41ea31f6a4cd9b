package io.hookline.api.item;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.item.ItemRegistry;
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
@RequestMapping(path = "/v1/items", produces = "application/json")
@Tag(name = "Items", description = "What the tenant sells, with stock; every change emits item.* events")
class ItemController {

    private static final String LIST = "items";

    private final ItemRegistry items;
    private final Pagination pagination;

    ItemController(ItemRegistry items, Pagination pagination) {
        this.items = items;
        this.pagination = pagination;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "createItem", summary = "Create an item (emits item.created)")
    ResponseEntity<ItemResponse> create(
            @Parameter(hidden = true) TenantId tenant, @Valid @RequestBody CreateItemRequest request) {
        var item = items.create(tenant, request.toChanges());
        return ResponseEntity.created(URI.create("/v1/items/" + item.id())).body(ItemResponse.of(item));
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(
            operationId = "listItems",
            summary = "List items in (updatedAt, id) order; with updatedAfter, everything changed since a sync")
    ResponseEntity<ItemList> list(
            @Parameter(hidden = true) TenantId tenant,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor,
            @Parameter(description = "Only items created after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime createdAfter,
            @Parameter(description = "Only items changed after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime updatedAfter) {
        var page =
                items.list(tenant, new SyncFilter(createdAfter, updatedAfter), pagination.request(LIST, limit, cursor));
        return pagination.respond(LIST, page, ItemResponse::of, ItemList::new);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(operationId = "getItem", summary = "Get an item")
    ItemResponse get(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        return ItemResponse.of(items.get(tenant, id));
    }

    @PatchMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "updateItem",
            summary = "Change an item (emits item.updated, and inventory.low when stock falls below its threshold)")
    ItemResponse update(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Valid @RequestBody UpdateItemRequest request) {
        return ItemResponse.of(items.update(tenant, id, request.toChanges()));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "deleteItem", summary = "Delete an item (emits item.deleted)")
    ResponseEntity<Void> delete(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        items.delete(tenant, id);
        return ResponseEntity.noContent().build();
    }
}
