package io.hookline.api.order;

import io.hookline.domain.commerce.Money;
import io.hookline.domain.order.Order;
import io.hookline.domain.order.OrderItem;
import io.hookline.domain.order.OrderItemStatus;
import io.hookline.domain.order.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "An order")
public record OrderResponse(
        @Schema(example = "ord_01JD3Q7ZK8M5W2X9R4T6Y1B0Q1") String id,

        @Schema(example = "SO-000187", description = "Per-tenant sequential number")
        String number,

        String customerId,
        @Schema(example = "C-10042") String customerCode,
        @Schema(nullable = true) @Nullable String siteId,
        OrderStatus status,
        boolean requiresApproval,
        @Schema(nullable = true) @Nullable String reference,
        List<Line> items,

        @Schema(description = "Sum of the lines that were not denied")
        Money total,

        Money amountPaid,
        Money amountDue,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    @Schema(name = "OrderLine", description = "One line of an order")
    public record Line(
            @Schema(example = "ori_01JD3Q7ZK8M5W2X9R4T6Y1B0R1")
            String id,

            String itemId,
            @Schema(example = "BC-500") String itemCode,
            String name,
            int quantity,
            Money unitPrice,
            OrderItemStatus status) {

        static Line of(OrderItem item) {
            return new Line(
                    item.id(),
                    item.itemId(),
                    item.itemCode(),
                    item.name(),
                    item.quantity(),
                    item.unitPrice(),
                    item.status());
        }
    }

    static OrderResponse of(Order order) {
        return new OrderResponse(
                order.id(),
                order.number(),
                order.customerId(),
                order.customerCode(),
                order.siteId(),
                order.status(),
                order.requiresApproval(),
                order.reference(),
                order.items().stream().map(Line::of).toList(),
                order.total(),
                order.amountPaid(),
                order.amountDue(),
                order.createdAt(),
                order.updatedAt());
    }
}
