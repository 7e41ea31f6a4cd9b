package io.hookline.api.customer.address;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.customer.address.AddressRegistry;
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
@RequestMapping(path = "/v1/customers/{id}/addresses", produces = "application/json")
@Tag(name = "Customer addresses", description = "A customer's addresses; every change emits customer.address.* events")
class AddressController {

    private final AddressRegistry addresses;
    private final Pagination pagination;

    AddressController(AddressRegistry addresses, Pagination pagination) {
        this.addresses = addresses;
        this.pagination = pagination;
    }

    /** A list's cursors name the customer, so one customer's cursor is refused on another's list. */
    private static String listName(String customerId) {
        return "customers/" + customerId + "/addresses";
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "createCustomerAddress",
            summary = "Add an address to a customer (emits customer.address.created)")
    ResponseEntity<AddressResponse> create(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(description = "The customer's id") @PathVariable String id,
            @Valid @RequestBody CreateAddressRequest request) {
        var address = addresses.create(tenant, id, request.toChanges());
        return ResponseEntity.created(URI.create("/v1/customers/" + id + "/addresses/" + address.id()))
                .body(AddressResponse.of(address));
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(
            operationId = "listCustomerAddresses",
            summary =
                    "List a customer's addresses in (updatedAt, id) order; with updatedAfter, everything changed since a sync")
    ResponseEntity<AddressList> list(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(description = "The customer's id") @PathVariable String id,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor,
            @Parameter(description = "Only addresses created after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime createdAfter,
            @Parameter(description = "Only addresses changed after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime updatedAfter) {
        var page = addresses.list(
                tenant,
                id,
                new SyncFilter(createdAfter, updatedAfter),
                pagination.request(listName(id), limit, cursor));
        return pagination.respond(listName(id), page, AddressResponse::of, AddressList::new);
    }

    @GetMapping("/{addressId}")
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(operationId = "getCustomerAddress", summary = "Get an address of a customer")
    AddressResponse get(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(description = "The customer's id") @PathVariable String id,
            @PathVariable String addressId) {
        return AddressResponse.of(addresses.get(tenant, id, addressId));
    }

    @PatchMapping(path = "/{addressId}", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "updateCustomerAddress",
            summary = "Change an address of a customer (emits customer.address.updated)")
    AddressResponse update(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(description = "The customer's id") @PathVariable String id,
            @PathVariable String addressId,
            @Valid @RequestBody UpdateAddressRequest request) {
        return AddressResponse.of(addresses.update(tenant, id, addressId, request.toChanges()));
    }

    @DeleteMapping("/{addressId}")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "deleteCustomerAddress",
            summary = "Delete an address of a customer (emits customer.address.deleted)")
    ResponseEntity<Void> delete(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(description = "The customer's id") @PathVariable String id,
            @PathVariable String addressId) {
        addresses.delete(tenant, id, addressId);
        return ResponseEntity.noContent().build();
    }
}
