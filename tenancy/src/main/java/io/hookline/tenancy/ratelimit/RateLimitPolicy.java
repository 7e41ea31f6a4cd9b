package io.hookline.tenancy.ratelimit;

import java.time.Duration;

/** At most {@code limit} requests per {@code window}; after a refusal, {@code cooldown} of refusals. */
public record RateLimitPolicy(int limit, Duration window, Duration cooldown) {

    public RateLimitPolicy {
        if (limit < 1 || window.isZero() || window.isNegative() || cooldown.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs limit ≥ 1, a positive window and a cooldown ≥ 0");
        }
    }
}
