package io.hookline.api.order;

import io.hookline.domain.order.NewOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "A new order of a customer; each line takes the item's code, name and price as they are now")
public record PlaceOrderRequest(
        @Schema(example = "cus_01JD3Q7ZK8M5W2X9R4T6Y1B0C1", maxLength = 30) @NotNull
        String customerId,

        @NotEmpty @Size(max = 100) List<@NotNull @Valid Line> items,

        @Schema(example = "site_01JD3Q7ZK8M5W2X9R4T6Y1B0S1", nullable = true, maxLength = 31) @Nullable
        String siteId,

        @Schema(
                description = "Lines must be approved or denied before production; emits order.approval_requested",
                nullable = true)
        @Nullable
        Boolean requiresApproval,

        @Schema(example = "PO-7781", description = "The customer's own reference", nullable = true)
        @Size(max = 100)
        @Nullable
        String reference) {

    @Schema(name = "PlaceOrderLine", description = "One line of a new order")
    public record Line(
            @Schema(example = "itm_01JD3Q7ZK8M5W2X9R4T6Y1B0J1", maxLength = 30) @NotNull
            String itemId,

            @Schema(example = "2", maximum = "2147483647") @NotNull @Positive
            Integer quantity) {}

    NewOrder toNewOrder() {
        return new NewOrder(
                customerId,
                items.stream()
                        .map(line -> new NewOrder.Line(line.itemId(), line.quantity()))
                        .toList(),
                siteId,
                requiresApproval,
                reference);
    }
}
