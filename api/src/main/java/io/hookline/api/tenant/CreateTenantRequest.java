package io.hookline.api.tenant;

import io.hookline.domain.tenant.TenantChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A new tenant; rateLimit and webhookLimit default to 20 per 10 s (10 s cooldown) and 3")
public record CreateTenantRequest(
        @Schema(example = "Acme") @NotBlank @Size(max = 200) String name,

        @Schema(example = "ACME01", maxLength = 32)
        @NotBlank
        @Pattern(
                regexp = "[A-Z0-9][A-Z0-9_-]{1,31}",
                message = "must be 2 to 32 upper-case letters, digits, '-' or '_'")
        String administrationCode,

        @Valid @Nullable RateLimitBody rateLimit,
        @Schema(example = "3") @Min(0) @Max(1000) @Nullable Integer webhookLimit) {

    TenantChanges toChanges() {
        return new TenantChanges(
                name, administrationCode, rateLimit == null ? null : rateLimit.toRateLimit(), webhookLimit);
    }
}
