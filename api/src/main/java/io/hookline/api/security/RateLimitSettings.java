package io.hookline.api.security;

import io.hookline.tenancy.ratelimit.RateLimitPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hookline.ratelimit.*}: where buckets live and the per-address budgets of callers
 * without a valid token.
 *
 * @param store {@code memory} (buckets on this node) or {@code redis} (shared by every node)
 * @param anonymousLimit requests per window from one address that carry no token or a refused one
 * @param anonymousWindow the window of {@code anonymousLimit}
 * @param acknowledgementLimit requests per window from one address to acknowledgement links
 *     ({@code /acks/…}); ten times the anonymous budget, as one receiver settles a burst of
 *     deliveries from one address
 * @param acknowledgementWindow the window of {@code acknowledgementLimit}
 * @param redisRetryInterval how long a node limits with its own buckets after Redis failed
 *     before it asks Redis again
 */
@ConfigurationProperties("hookline.ratelimit")
public record RateLimitSettings(
        @DefaultValue("memory") String store,
        @DefaultValue("60") int anonymousLimit,
        @DefaultValue("60s") Duration anonymousWindow,
        @DefaultValue("600") int acknowledgementLimit,
        @DefaultValue("60s") Duration acknowledgementWindow,
        @DefaultValue("5s") Duration redisRetryInterval) {

    public RateLimitSettings {
        if (!store.equals("memory") && !store.equals("redis")) {
            throw new IllegalArgumentException("hookline.ratelimit.store must be memory or redis, not " + store);
        }
    }

    RateLimitPolicy anonymousPolicy() {
        return new RateLimitPolicy(anonymousLimit, anonymousWindow, Duration.ZERO);
    }

    RateLimitPolicy acknowledgementPolicy() {
        return new RateLimitPolicy(acknowledgementLimit, acknowledgementWindow, Duration.ZERO);
    }
}
