package io.hookline.api.customer;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.customer.CustomerRegistry;
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
@RequestMapping(path = "/v1/customers", produces = "application/json")
@Tag(name = "Customers", description = "The tenant's customers; every change emits customer.* events")
class CustomerController {

    private static final String LIST = "customers";

    private final CustomerRegistry customers;
    private final Pagination pagination;

    CustomerController(CustomerRegistry customers, Pagination pagination) {
        this.customers = customers;
        this.pagination = pagination;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "createCustomer", summary = "Create a customer (emits customer.created)")
    ResponseEntity<CustomerResponse> create(
            @Parameter(hidden = true) TenantId tenant, @Valid @RequestBody CreateCustomerRequest request) {
        var customer = customers.create(tenant, request.toChanges());
        return ResponseEntity.created(URI.create("/v1/customers/" + customer.id()))
                .body(CustomerResponse.of(customer));
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(
            operationId = "listCustomers",
            summary = "List customers in (updatedAt, id) order; with updatedAfter, everything changed since a sync")
    ResponseEntity<CustomerList> list(
            @Parameter(hidden = true) TenantId tenant,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor,
            @Parameter(description = "Only customers created after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime createdAfter,
            @Parameter(description = "Only customers changed after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime updatedAfter) {
        var page = customers.list(
                tenant, new SyncFilter(createdAfter, updatedAfter), pagination.request(LIST, limit, cursor));
        return pagination.respond(LIST, page, CustomerResponse::of, CustomerList::new);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(operationId = "getCustomer", summary = "Get a customer")
    CustomerResponse get(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        return CustomerResponse.of(customers.get(tenant, id));
    }

    @PatchMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "updateCustomer", summary = "Change a customer (emits customer.updated)")
    CustomerResponse update(
            @Parameter(hidden = true) TenantId tenant,
            @PathVariable String id,
            @Valid @RequestBody UpdateCustomerRequest request) {
        return CustomerResponse.of(customers.update(tenant, id, request.toChanges()));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(operationId = "deleteCustomer", summary = "Delete a customer (emits customer.deleted)")
    ResponseEntity<Void> delete(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        customers.delete(tenant, id);
        return ResponseEntity.noContent().build();
    }
}
