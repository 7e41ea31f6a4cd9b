package io.hookline.domain.tenant;

import org.jspecify.annotations.Nullable;

/** The fields of a tenant to create or change; null means "default" on create, "keep" on change. */
public record TenantChanges(
        @Nullable String name,
        @Nullable String administrationCode,
        Tenant.@Nullable RateLimit rateLimit,
        @Nullable Integer webhookLimit) {}
