/**
 * Orders: placement from a customer and items, the per-line status machine with its events
 * ({@code order.item.*}, {@code vendor.item.ready}, {@code order.completed} once), and payments.
 */
@NullMarked
package io.hookline.domain.order;

import org.jspecify.annotations.NullMarked;
