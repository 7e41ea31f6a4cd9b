package io.hookline.domain.order;

import io.hookline.domain.commerce.Money;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** Money received for an order. Immutable once recorded. */
public record Payment(
        String id, String orderId, Money amount, @Nullable String reference, OffsetDateTime receivedAt) {}
