package io.hookline.api.security;

import io.hookline.tenancy.ratelimit.RateLimitPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hookline.ratelimit.*}: where buckets live ({@code memory} on this node, {@code redis}
 * shared by every node) and the per-IP limit for calls without a token (default 60 a minute).
 */
@ConfigurationProperties("hookline.ratelimit")
public record RateLimitSettings(
        @DefaultValue("memory") String store,
        @DefaultValue("60") int anonymousLimit,
        @DefaultValue("60s") Duration anonymousWindow) {

    RateLimitPolicy anonymousPolicy() {
        return new RateLimitPolicy(anonymousLimit, anonymousWindow, Duration.ZERO);
    }
}
