package io.hookline.domain.delivery;

import java.time.OffsetDateTime;

/**
 * A claimed delivery whose throttled webhook had no token for it: handed back, due no earlier
 * than {@code earliest} (when the webhook's bucket has a token again).
 */
public record Deferral(Claim claim, OffsetDateTime earliest) {}
