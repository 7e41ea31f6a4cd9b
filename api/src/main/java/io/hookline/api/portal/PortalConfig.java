package io.hookline.api.portal;

import org.jspecify.annotations.Nullable;

/**
 * What the portal page needs to sign in: dev mode (one-click demo token from {@code /dev/tokens}),
 * or the issuer and public client for the authorization-code flow with PKCE; and the number of
 * consecutive failed attempts that disables a webhook, to show a failure streak against it.
 */
record PortalConfig(
        boolean devMode,
        @Nullable String issuer,
        @Nullable String clientId,
        String scopes,
        @Nullable String audience,
        int disableAfterFailures) {}
