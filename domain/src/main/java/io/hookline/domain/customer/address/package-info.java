/**
 * A customer's addresses: codes unique per customer, always reached through the customer that
 * owns them, every change a {@code customer.address.*} event in the same transaction.
 */
@NullMarked
package io.hookline.domain.customer.address;

import org.jspecify.annotations.NullMarked;
