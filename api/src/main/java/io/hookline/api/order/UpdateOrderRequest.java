package io.hookline.api.order;

import io.hookline.domain.order.OrderChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "A partial change of an order: its reference, and the quantity of lines that are still pending")
public record UpdateOrderRequest(
        @Size(max = 100) @Nullable String reference,
        @Size(max = 100) @Nullable List<@NotNull @Valid Quantity> items) {

    @Schema(name = "OrderLineQuantity", description = "A new quantity for a pending line")
    public record Quantity(
            @Schema(example = "ori_01JD3Q7ZK8M5W2X9R4T6Y1B0R1", maxLength = 30) @NotNull
            String id,

            @Schema(example = "3", maximum = "2147483647") @NotNull @Positive
            Integer quantity) {}

    OrderChanges toChanges() {
        return new OrderChanges(
                reference,
                items == null
                        ? null
                        : items.stream()
                                .map(q -> new OrderChanges.Quantity(q.id(), q.quantity()))
                                .toList());
    }
}
