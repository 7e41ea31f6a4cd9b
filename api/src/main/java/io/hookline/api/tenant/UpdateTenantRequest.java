package io.hookline.api.tenant;

import io.hookline.domain.tenant.TenantChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A partial change of a tenant: fields left out keep their value")
public record UpdateTenantRequest(
        @Size(min = 1, max = 200) @Nullable String name,

        @Pattern(
                regexp = "[A-Z0-9][A-Z0-9_-]{1,31}",
                message = "must be 2 to 32 upper-case letters, digits, '-' or '_'")
        @Schema(maxLength = 32)
        @Nullable
        String administrationCode,

        @Valid @Nullable RateLimitBody rateLimit,
        @Min(0) @Max(1000) @Nullable Integer webhookLimit) {

    TenantChanges toChanges() {
        return new TenantChanges(
                name, administrationCode, rateLimit == null ? null : rateLimit.toRateLimit(), webhookLimit);
    }
}
