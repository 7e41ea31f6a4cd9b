/**
 * A customer's contact persons: codes unique per customer, always reached through the customer
 * that owns them, every change a {@code customer.contactperson.*} event in the same transaction.
 */
@NullMarked
package io.hookline.domain.customer.contactperson;

import org.jspecify.annotations.NullMarked;
