package io.hookline.domain.order;

import io.hookline.domain.commerce.Money;

/** One line of an order, with the item's code, name and unit price as they were when it was placed. */
public record OrderItem(
        String id, String itemId, String itemCode, String name, int quantity, Money unitPrice, OrderItemStatus status) {

    OrderItem withStatus(OrderItemStatus next) {
        return new OrderItem(id, itemId, itemCode, name, quantity, unitPrice, next);
    }

    OrderItem withQuantity(int next) {
        return new OrderItem(id, itemId, itemCode, name, next, unitPrice, status);
    }
}
