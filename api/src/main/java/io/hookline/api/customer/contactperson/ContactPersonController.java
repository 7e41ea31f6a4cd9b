package io.hookline.api.customer.contactperson;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.customer.contactperson.ContactPersonRegistry;
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
@RequestMapping(path = "/v1/customers/{id}/contact-persons", produces = "application/json")
@Tag(
        name = "Customer contact persons",
        description = "A customer's contact persons; every change emits customer.contactperson.* events")
class ContactPersonController {

    private final ContactPersonRegistry persons;
    private final Pagination pagination;

    ContactPersonController(ContactPersonRegistry persons, Pagination pagination) {
        this.persons = persons;
        this.pagination = pagination;
    }

    /** A list's cursors name the customer, so one customer's cursor is refused on another's list. */
    private static String listName(String customerId) {
        return "customers/" + customerId + "/contact-persons";
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "createCustomerContactPerson",
            summary = "Add a contact person to a customer (emits customer.contactperson.created)")
    ResponseEntity<ContactPersonResponse> create(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(description = "The customer's id") @PathVariable String id,
            @Valid @RequestBody CreateContactPersonRequest request) {
        var person = persons.create(tenant, id, request.toChanges());
        return ResponseEntity.created(URI.create("/v1/customers/" + id + "/contact-persons/" + person.id()))
                .body(ContactPersonResponse.of(person));
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(
            operationId = "listCustomerContactPersons",
            summary =
                    "List a customer's contact persons in (updatedAt, id) order; with updatedAfter, everything changed since a sync")
    ResponseEntity<ContactPersonList> list(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(description = "The customer's id") @PathVariable String id,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor,
            @Parameter(description = "Only contact persons created after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime createdAfter,
            @Parameter(description = "Only contact persons changed after this time")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @Nullable
                    OffsetDateTime updatedAfter) {
        var page = persons.list(
                tenant,
                id,
                new SyncFilter(createdAfter, updatedAfter),
                pagination.request(listName(id), limit, cursor));
        return pagination.respond(listName(id), page, ContactPersonResponse::of, ContactPersonList::new);
    }

    @GetMapping("/{contactPersonId}")
    @PreAuthorize(Scopes.CAN_READ_COMMERCE)
    @Operation(operationId = "getCustomerContactPerson", summary = "Get a contact person of a customer")
    ContactPersonResponse get(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(description = "The customer's id") @PathVariable String id,
            @PathVariable String contactPersonId) {
        return ContactPersonResponse.of(persons.get(tenant, id, contactPersonId));
    }

    @PatchMapping(path = "/{contactPersonId}", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "updateCustomerContactPerson",
            summary = "Change a contact person of a customer (emits customer.contactperson.updated)")
    ContactPersonResponse update(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(description = "The customer's id") @PathVariable String id,
            @PathVariable String contactPersonId,
            @Valid @RequestBody UpdateContactPersonRequest request) {
        return ContactPersonResponse.of(persons.update(tenant, id, contactPersonId, request.toChanges()));
    }

    @DeleteMapping("/{contactPersonId}")
    @PreAuthorize(Scopes.CAN_WRITE_COMMERCE)
    @Operation(
            operationId = "deleteCustomerContactPerson",
            summary = "Delete a contact person of a customer (emits customer.contactperson.deleted)")
    ResponseEntity<Void> delete(
            @Parameter(hidden = true) TenantId tenant,
            @Parameter(description = "The customer's id") @PathVariable String id,
            @PathVariable String contactPersonId) {
        persons.delete(tenant, id, contactPersonId);
        return ResponseEntity.noContent().build();
    }
}
