package io.hookline.tenancy.ratelimit;

/**
 * Whether a request may pass, and what the IETF {@code RateLimit} headers
 * (draft-ietf-httpapi-ratelimit-headers) should tell the caller.
 *
 * @param remaining requests left in this window after this one
 * @param resetSeconds whole seconds until the window refills
 * @param retryAfterSeconds when refused: whole seconds until a request would pass again
 */
public record RateLimitDecision(
        boolean allowed, int limit, long windowSeconds, long remaining, long resetSeconds, long retryAfterSeconds) {

    /** {@code "default";q=20;w=10} */
    public String policyHeader() {
        return "\"default\";q=" + limit + ";w=" + windowSeconds;
    }

    /** {@code "default";r=19;t=10} */
    public String rateLimitHeader() {
        return "\"default\";r=" + remaining + ";t=" + resetSeconds;
    }
}
