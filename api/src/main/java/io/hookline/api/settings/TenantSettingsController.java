package io.hookline.api.settings;

import io.hookline.api.security.Scopes;
import io.hookline.domain.tenant.TenantRegistry;
import io.hookline.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/v1/tenant/settings", produces = "application/json")
@Tag(name = "Notifications", description = "What a person is told about the tenant's webhooks, and where")
class TenantSettingsController {

    private final TenantRegistry tenants;

    TenantSettingsController(TenantRegistry tenants) {
        this.tenants = tenants;
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_WEBHOOKS)
    @Operation(operationId = "getTenantSettings", summary = "The calling tenant's settings (X-Tenant-ID)")
    TenantSettingsResponse get(@Parameter(hidden = true) TenantId tenant) {
        return new TenantSettingsResponse(tenants.notificationEmails(tenant));
    }

    @PatchMapping(consumes = "application/json")
    @PreAuthorize(Scopes.CAN_MANAGE_TENANT_SETTINGS)
    @Operation(
            operationId = "updateTenantSettings",
            summary = "Change the calling tenant's settings",
            description = "Needs webhooks:secrets (the tenant's admins) or platform:admin. 422 naming each bad"
                    + " address (notificationEmails[i]), or notificationEmails itself when more than 10 are listed;"
                    + " nothing is changed then.")
    TenantSettingsResponse update(
            @Parameter(hidden = true) TenantId tenant, @Valid @RequestBody UpdateTenantSettingsRequest request) {
        List<String> emails = request.notificationEmails();
        return new TenantSettingsResponse(
                emails == null ? tenants.notificationEmails(tenant) : tenants.updateNotificationEmails(tenant, emails));
    }
}
