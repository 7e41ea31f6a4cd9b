package io.hookline.api.portal;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hookline.portal.*}: how the portal signs a tenant admin in when dev mode is off — the
 * public OAuth2 client registered for it at the identity provider, the issuer (by default the
 * resource server's {@code issuer-uri}), the scopes it asks for and the audience parameter some
 * providers need before they issue a token for {@code hookline-api}.
 *
 * @param clientId the public OAuth2 client (authorization code with PKCE) registered for the portal
 * @param issuerUri the identity provider the portal signs in with; unset, the resource server's
 *     {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * @param scopes the scopes the portal asks for, space-separated
 * @param audience the {@code audience} parameter sent with the authorization request, for providers
 *     that need it to issue a token for {@code hookline-api}
 */
@ConfigurationProperties("hookline.portal")
public record PortalProperties(
        @Nullable String clientId,
        @Nullable String issuerUri,

        @DefaultValue("openid webhooks:read webhooks:write webhooks:secrets commerce:read")
        String scopes,

        @DefaultValue("hookline-api") String audience) {}
