package io.hookline.api.security;

import java.util.List;

/** The OAuth2 scopes (listed in `openapi/openapi.yaml`), and the authority expressions controllers require. */
public final class Scopes {

    public static final String WEBHOOKS_READ = "webhooks:read";
    public static final String WEBHOOKS_WRITE = "webhooks:write";
    public static final String WEBHOOKS_SECRETS = "webhooks:secrets";
    public static final String EVENTS_READ = "events:read";
    public static final String EVENTS_WRITE = "events:write";
    public static final String COMMERCE_READ = "commerce:read";
    public static final String COMMERCE_WRITE = "commerce:write";
    public static final String PLATFORM_ADMIN = "platform:admin";

    /** Every scope that acts within a tenant (all but {@code platform:admin}). */
    public static final List<String> TENANT_SCOPES = List.of(
            WEBHOOKS_READ, WEBHOOKS_WRITE, WEBHOOKS_SECRETS, EVENTS_READ, EVENTS_WRITE, COMMERCE_READ, COMMERCE_WRITE);

    public static final List<String> ALL = List.of(
            WEBHOOKS_READ,
            WEBHOOKS_WRITE,
            WEBHOOKS_SECRETS,
            EVENTS_READ,
            EVENTS_WRITE,
            COMMERCE_READ,
            COMMERCE_WRITE,
            PLATFORM_ADMIN);

    public static final String CAN_READ_WEBHOOKS = "hasAuthority('SCOPE_webhooks:read')";
    public static final String CAN_WRITE_WEBHOOKS = "hasAuthority('SCOPE_webhooks:write')";
    public static final String CAN_MANAGE_SECRETS = "hasAuthority('SCOPE_webhooks:secrets')";
    /** The authority of {@code webhooks:secrets}, for decisions a handler takes beyond its annotation. */
    public static final String SECRETS_AUTHORITY = "SCOPE_" + WEBHOOKS_SECRETS;

    /**
     * Where a tenant's notifications are e-mailed: its admins (who hold {@code webhooks:secrets})
     * or an operator whose token lists the tenant; a read-only or write-only token may not
     * redirect another person's alerts.
     */
    public static final String CAN_MANAGE_TENANT_SETTINGS =
            "hasAnyAuthority('SCOPE_webhooks:secrets', 'SCOPE_platform:admin')";

    public static final String CAN_READ_CATALOG = "hasAnyAuthority('SCOPE_webhooks:read', 'SCOPE_events:read')";
    public static final String CAN_PUBLISH_EVENTS = "hasAuthority('SCOPE_events:write')";
    public static final String CAN_READ_EVENTS = "hasAuthority('SCOPE_events:read')";
    public static final String CAN_ADMINISTER_PLATFORM = "hasAuthority('SCOPE_platform:admin')";
    public static final String CAN_READ_COMMERCE = "hasAuthority('SCOPE_commerce:read')";
    public static final String CAN_WRITE_COMMERCE = "hasAuthority('SCOPE_commerce:write')";

    private Scopes() {}
}
