package io.hookline.api.tenant;

import io.hookline.domain.tenant.Tenant;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

@Schema(description = "A tenant and its limits")
public record TenantResponse(
        @Schema(example = "ten_01JD3Q7ZK8M5W2X9R4T6Y1B0NC") String id,
        String name,
        @Schema(example = "ACME01") String administrationCode,
        RateLimitBody rateLimit,
        int webhookLimit,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static TenantResponse of(Tenant tenant) {
        return new TenantResponse(
                tenant.id().value(),
                tenant.name(),
                tenant.administrationCode(),
                RateLimitBody.of(tenant.rateLimit()),
                tenant.webhookLimit(),
                tenant.createdAt(),
                tenant.updatedAt());
    }
}
