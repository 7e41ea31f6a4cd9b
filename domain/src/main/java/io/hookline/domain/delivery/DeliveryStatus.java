package io.hookline.domain.delivery;

import java.util.Arrays;

/** Where a delivery is in its life; {@link #literal()} is what the {@code delivery.status} column holds. */
public enum DeliveryStatus {
    /** Waiting for its due time ({@code next_attempt_at}); no due time means parked under a disabled webhook. */
    PENDING("pending"),
    /** Claimed by a worker under a lease ({@code lease_until}, fenced by {@code lease_token}). */
    DELIVERING("delivering"),
    /** Answered 202 by an asynchronous receiver; {@code next_attempt_at} is when its acknowledgement is overdue. */
    WAITING("waiting"),
    SUCCEEDED("succeeded"),
    FAILED("failed");

    private final String literal;

    DeliveryStatus(String literal) {
        this.literal = literal;
    }

    public String literal() {
        return literal;
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }

    public static DeliveryStatus of(String literal) {
        return Arrays.stream(values())
                .filter(status -> status.literal.equals(literal))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no delivery status " + literal));
    }
}
