package io.hookline.api.security;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The one place that decides whether dev mode is on; everything else asks
 * {@link ConditionalOnDevMode} (or whether a {@link DevKeys} bean exists). Dev mode mints
 * {@code platform:admin} tokens for anyone who asks, so it must never reach a real deployment:
 *
 * <ul>
 *   <li>{@code hookline.dev.enabled=false} always wins;
 *   <li>{@code hookline.dev.enabled=true} together with an identity provider refuses to start:
 *       dev tokens would be accepted beside the provider's, and one of the two settings is a
 *       mistake;
 *   <li>{@code hookline.dev.enabled=true} with a configured database and no identity provider is
 *       honoured (a developer's own PostgreSQL; the node has no other way to accept a token);
 *   <li>unset, it is on only on the embedded default: no datasource URL and no identity provider.
 * </ul>
 *
 * <p>It reads {@code hookline.dev.enabled} from the environment because it runs before the
 * context, so before {@link DevProperties}, which declares the key, can be bound.
 */
public final class DevMode {

    /** The decided value, {@code true} or {@code false}; the only dev-mode property the node reads. */
    public static final String ACTIVE = "hookline.dev.active";

    static final String ENABLED = "hookline.dev.enabled";
    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    private static final String SOURCE = "hookline-dev-mode";

    private DevMode() {}

    /**
     * Decides once, before the context is built, and records the answer above every other
     * property source. {@code embedded} tells whether the datasource is the embedded default
     * (no {@code spring.datasource.url} was configured).
     */
    public static void decide(ConfigurableEnvironment environment, boolean embedded) {
        boolean identityProvider =
                hasText(environment.getProperty(ISSUER_URI)) || hasText(environment.getProperty(JWK_SET_URI));
        String enabled = environment.getProperty(ENABLED);
        boolean active;
        if (enabled == null || enabled.isBlank()) {
            active = embedded && !identityProvider;
        } else if (!Boolean.parseBoolean(enabled.trim())) {
            active = false;
        } else if (identityProvider) {
            throw new IllegalStateException(ENABLED + "=true cannot be combined with an identity provider ("
                    + ISSUER_URI + " or " + JWK_SET_URI + "): dev tokens, which anyone can mint, would be accepted"
                    + " beside the provider's. Remove " + ENABLED
                    + " in any deployment that has an identity provider.");
        } else {
            active = true;
        }
        environment.getPropertySources().remove(SOURCE);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(SOURCE, Map.of(ACTIVE, Boolean.toString(active))));
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
