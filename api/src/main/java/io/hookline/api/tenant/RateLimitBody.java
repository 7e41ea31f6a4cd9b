package io.hookline.api.tenant;

import io.hookline.domain.tenant.Tenant;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

@Schema(
        name = "TenantRateLimit",
        description = "Requests per window, then a cooldown during which every request is refused")
public record RateLimitBody(
        @Schema(example = "20") @NotNull @Min(1) @Max(100000)
        Integer limit,

        @Schema(example = "10") @NotNull @Min(1) @Max(86400) Integer windowSeconds,
        @Schema(example = "10") @NotNull @Min(0) @Max(86400) Integer cooldownSeconds) {

    Tenant.RateLimit toRateLimit() {
        return new Tenant.RateLimit(limit, windowSeconds, cooldownSeconds);
    }

    static RateLimitBody of(Tenant.RateLimit rate) {
        return new RateLimitBody(rate.limit(), rate.windowSeconds(), rate.cooldownSeconds());
    }
}
