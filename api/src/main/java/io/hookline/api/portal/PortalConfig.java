package io.hookline.api.portal;

import org.jspecify.annotations.Nullable;

/**
 * What the portal page needs to sign in: dev mode (one-click demo token from {@code /dev/tokens}),
 * or the issuer and public client for the authorization-code flow with PKCE.
 */
record PortalConfig(
        boolean devMode,
        @Nullable String issuer,
        @Nullable String clientId,
        String scopes,
        @Nullable String audience) {}
