package io.hookline.api.security;

import io.hookline.tenancy.ratelimit.RateLimitPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hookline.ratelimit.*}: where buckets live ({@code memory} on this node, {@code redis}
 * shared by every node), the per-IP limit for calls without a token (default 60 a minute), and
 * how long a node limits with its own buckets after Redis failed before it asks Redis again
 * ({@code redis-retry-interval}, default 5 s).
 */
@ConfigurationProperties("hookline.ratelimit")
public record RateLimitSettings(
        @DefaultValue("memory") String store,
        @DefaultValue("60") int anonymousLimit,
        @DefaultValue("60s") Duration anonymousWindow,
        @DefaultValue("5s") Duration redisRetryInterval) {

    public RateLimitSettings {
        if (!store.equals("memory") && !store.equals("redis")) {
            throw new IllegalArgumentException("hookline.ratelimit.store must be memory or redis, not " + store);
        }
    }

    RateLimitPolicy anonymousPolicy() {
        return new RateLimitPolicy(anonymousLimit, anonymousWindow, Duration.ZERO);
    }
}
