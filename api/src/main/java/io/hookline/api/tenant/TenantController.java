package io.hookline.api.tenant;

import io.hookline.api.security.Scopes;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.tenant.TenantRegistry;
import io.hookline.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/v1/tenants", produces = "application/json")
@PreAuthorize(Scopes.CAN_ADMINISTER_PLATFORM)
@Tag(name = "Tenants", description = "Operator API: tenants and their limits (scope platform:admin)")
class TenantController {

    private final TenantRegistry tenants;

    TenantController(TenantRegistry tenants) {
        this.tenants = tenants;
    }

    @PostMapping(consumes = "application/json")
    @Operation(operationId = "createTenant", summary = "Create a tenant")
    ResponseEntity<TenantResponse> create(@Valid @RequestBody CreateTenantRequest request) {
        var tenant = tenants.create(request.toChanges());
        return ResponseEntity.created(URI.create("/v1/tenants/" + tenant.id().value()))
                .body(TenantResponse.of(tenant));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getTenant", summary = "Get a tenant")
    TenantResponse get(@PathVariable String id) {
        return TenantResponse.of(tenants.get(tenantId(id)));
    }

    @PatchMapping(path = "/{id}", consumes = "application/json")
    @Operation(operationId = "updateTenant", summary = "Change a tenant's name, code or limits")
    TenantResponse update(@PathVariable String id, @Valid @RequestBody UpdateTenantRequest request) {
        return TenantResponse.of(tenants.update(tenantId(id), request.toChanges()));
    }

    private static TenantId tenantId(String id) {
        TenantId parsed = TenantId.parse(id);
        if (parsed == null) {
            throw new DomainException.NotFound("tenant", id);
        }
        return parsed;
    }
}
