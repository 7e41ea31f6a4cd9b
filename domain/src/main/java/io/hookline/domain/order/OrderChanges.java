package io.hookline.domain.order;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A partial change of an order: its reference, and quantities of lines still pending (null = keep). */
public record OrderChanges(
        @Nullable String reference, @Nullable List<Quantity> items) {

    public record Quantity(@Nullable String id, @Nullable Integer quantity) {}
}
