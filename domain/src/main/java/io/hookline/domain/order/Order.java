package io.hookline.domain.order;

import io.hookline.domain.commerce.Money;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order as the API returns it (and as its events carry it). {@code total} is the sum of its
 * lines that were not denied; {@code amountDue} is what is left to pay.
 */
public record Order(
        String id,
        String number,
        String customerId,
        String customerCode,
        @Nullable String siteId,
        OrderStatus status,
        boolean requiresApproval,
        @Nullable String reference,
        List<OrderItem> items,
        Money total,
        Money amountPaid,
        Money amountDue,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public Order {
        items = List.copyOf(items);
    }

    String currency() {
        return total.currencyCode();
    }

    /** The status its lines imply, for an order that was not cancelled. */
    static OrderStatus derivedStatus(boolean requiresApproval, List<OrderItem> items) {
        List<OrderItem> live = items.stream()
                .filter(item -> item.status() != OrderItemStatus.DENIED)
                .toList();
        if (live.isEmpty()) {
            return OrderStatus.CANCELLED;
        }
        if (live.stream().allMatch(item -> item.status() == OrderItemStatus.COMPLETED)) {
            return OrderStatus.COMPLETED;
        }
        if (requiresApproval && live.stream().anyMatch(item -> item.status() == OrderItemStatus.PENDING)) {
            return OrderStatus.PENDING_APPROVAL;
        }
        return OrderStatus.OPEN;
    }

    /** The sum of the lines that were not denied. */
    static BigDecimal totalOf(List<OrderItem> items) {
        return items.stream()
                .filter(item -> item.status() != OrderItemStatus.DENIED)
                .map(item -> item.unitPrice().value().multiply(BigDecimal.valueOf(item.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
