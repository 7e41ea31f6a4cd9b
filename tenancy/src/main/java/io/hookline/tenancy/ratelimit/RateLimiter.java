package io.hookline.tenancy.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request under a key may pass. Two buckets per key: the window bucket
 * ({@code limit} tokens, refilled whole every window, counted from its first use) and the
 * cooldown bucket (one token, refilled once per cooldown). The first refusal empties the
 * cooldown bucket; while it is empty every request is refused without touching it, so
 * requests during the cooldown do not extend it.
 *
 * <p>The policy is part of the bucket keys, so a changed tenant limit takes effect at once with
 * fresh buckets.
 */
public final class RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RateLimitStore store;
    private final @Nullable RateLimitStore fallback;
    private final @Nullable SharedStoreCircuit circuit;

    public RateLimiter(RateLimitStore store) {
        this.store = store;
        this.fallback = null;
        this.circuit = null;
    }

    private RateLimiter(RateLimitStore shared, RateLimitStore fallback, SharedStoreCircuit circuit) {
        this.store = shared;
        this.fallback = fallback;
        this.circuit = circuit;
    }

    /**
     * Limits with the {@code shared} store, and with {@code fallback} (this node's memory, same
     * policies) whenever the shared one fails or {@code circuit} says it is still down: the
     * limit then holds per node instead of across the cluster, and no call waits on a dead
     * store.
     */
    public static RateLimiter withFallback(RateLimitStore shared, RateLimitStore fallback, SharedStoreCircuit circuit) {
        return new RateLimiter(shared, fallback, circuit);
    }

    public RateLimitDecision tryAcquire(String key, RateLimitPolicy policy) {
        if (fallback == null || circuit == null) {
            return decide(store, key, policy);
        }
        if (!circuit.allowsCall()) {
            return decide(fallback, key, policy);
        }
        RateLimitDecision decision;
        try {
            decision = decide(store, key, policy);
        } catch (RuntimeException unavailable) {
            // Whatever part of this decision reached the shared store stays there; this node's
            // buckets decide on their own until the store answers again.
            circuit.failed(unavailable);
            return decide(fallback, key, policy);
        }
        circuit.succeeded();
        return decision;
    }

    /**
     * Takes one token of the throttle under {@code key}: {@code perSecond} tokens a second,
     * refilled greedily (one every {@code 1 / perSecond} s), holding at most {@code perSecond}, so
     * a burst is at most one second's worth. Returns 0 when a token was taken, else the
     * nanoseconds until one is due. Falls back like {@link #tryAcquire}.
     */
    public long tryThrottle(String key, int perSecond) {
        if (fallback == null || circuit == null) {
            return throttle(store, key, perSecond);
        }
        if (!circuit.allowsCall()) {
            return throttle(fallback, key, perSecond);
        }
        long wait;
        try {
            wait = throttle(store, key, perSecond);
        } catch (RuntimeException unavailable) {
            circuit.failed(unavailable);
            return throttle(fallback, key, perSecond);
        }
        circuit.succeeded();
        return wait;
    }

    private static long throttle(RateLimitStore store, String key, int perSecond) {
        // the rate is part of the key, so a changed limit starts with a fresh, full bucket
        Bucket bucket = store.bucket(
                key + ":t:" + perSecond,
                BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    private static RateLimitDecision decide(RateLimitStore store, String key, RateLimitPolicy policy) {
        long windowSeconds = policy.window().toSeconds();
        Bucket cooldown = policy.cooldown().isZero()
                ? null
                : store.bucket(cooldownKey(key, policy), cooldownConfiguration(policy.cooldown()));
        if (cooldown != null) {
            EstimationProbe locked = cooldown.estimateAbilityToConsume(1);
            if (!locked.canBeConsumed()) {
                long wait = seconds(locked.getNanosToWaitForRefill());
                return new RateLimitDecision(false, policy.limit(), windowSeconds, 0, wait, wait);
            }
        }
        Bucket window = store.bucket(windowKey(key, policy), windowConfiguration(policy));
        ConsumptionProbe probe = window.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new RateLimitDecision(
                    true,
                    policy.limit(),
                    windowSeconds,
                    probe.getRemainingTokens(),
                    seconds(probe.getNanosToWaitForReset()),
                    0);
        }
        long retryAfter = seconds(probe.getNanosToWaitForRefill());
        if (cooldown != null) {
            cooldown.tryConsume(1);
            retryAfter = Math.max(retryAfter, seconds(policy.cooldown().toNanos()));
        }
        return new RateLimitDecision(
                false, policy.limit(), windowSeconds, 0, seconds(probe.getNanosToWaitForReset()), retryAfter);
    }

    private static String windowKey(String key, RateLimitPolicy policy) {
        return key + ":w:" + policyId(policy);
    }

    private static String cooldownKey(String key, RateLimitPolicy policy) {
        return key + ":c:" + policyId(policy);
    }

    /** Part of both keys, so a changed policy (a raised limit, say) starts fresh, cooldown included. */
    private static String policyId(RateLimitPolicy policy) {
        return policy.limit() + "/" + policy.window().toMillis() + "/"
                + policy.cooldown().toMillis();
    }

    private static BucketConfiguration windowConfiguration(RateLimitPolicy policy) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(policy.limit()).refillIntervally(policy.limit(), policy.window()))
                .build();
    }

    private static BucketConfiguration cooldownConfiguration(Duration cooldown) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(1).refillGreedy(1, cooldown))
                .build();
    }

    /** Whole seconds, rounded up, at least 1 when anything remains. */
    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
