package io.hookline.api.portal;

import io.hookline.api.security.DevKeys;
import io.hookline.delivery.worker.DeliveryProperties;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The portal's sign-in settings resolved once at start-up, and the Content-Security-Policy its
 * pages are served with.
 */
@Component
public class PortalSettings {

    private final PortalConfig config;

    PortalSettings(
            PortalProperties properties,
            ObjectProvider<DevKeys> devKeys,
            DeliveryProperties delivery,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String resourceServerIssuer) {
        String issuer = blankToNull(properties.issuerUri());
        if (issuer == null) {
            issuer = blankToNull(resourceServerIssuer);
        }
        this.config = devKeys.getIfAvailable() != null
                ? new PortalConfig(true, null, null, properties.scopes(), null, delivery.disableAfterFailures())
                : new PortalConfig(
                        false,
                        issuer,
                        blankToNull(properties.clientId()),
                        properties.scopes(),
                        blankToNull(properties.audience()),
                        delivery.disableAfterFailures());
    }

    PortalConfig config() {
        return config;
    }

    /**
     * Everything from the node itself, nothing inline, no framing. The one exception is
     * {@code connect-src} for the issuer's origin: the page reads the discovery document and
     * redeems the authorization code there, from the browser, as a public client must.
     */
    public String contentSecurityPolicy() {
        String connect = "'self'";
        String issuer = config.issuer();
        if (issuer != null) {
            String origin = origin(issuer);
            if (origin != null) {
                connect += " " + origin;
            }
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src " + connect
                + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    private static @Nullable String origin(String uri) {
        try {
            URI parsed = URI.create(uri);
            if (parsed.getScheme() == null || parsed.getHost() == null) {
                return null;
            }
            return parsed.getScheme() + "://" + parsed.getHost()
                    + (parsed.getPort() == -1 ? "" : ":" + parsed.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
