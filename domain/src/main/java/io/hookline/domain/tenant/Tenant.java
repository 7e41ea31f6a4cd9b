package io.hookline.domain.tenant;

import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;

/** A customer organisation and the limits it runs under. */
public record Tenant(
        TenantId id,
        String name,
        String administrationCode,
        RateLimit rateLimit,
        int webhookLimit,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Requests per window, and the lock-out after the window's budget is spent. */
    public record RateLimit(int limit, int windowSeconds, int cooldownSeconds) {
        public static final RateLimit DEFAULT = new RateLimit(20, 10, 10);
    }

    public static final int DEFAULT_WEBHOOK_LIMIT = 3;
}
