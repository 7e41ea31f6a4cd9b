/**
 * What the records a customer owns (its addresses and contact persons) share: reached only
 * through their customer, codes unique per customer, every change stamped by the change clock
 * and emitted as an event carrying the customer's code, removed with their customer. Each kind
 * says only its fields, their rules and its names.
 */
@NullMarked
package io.hookline.domain.customer.owned;

import org.jspecify.annotations.NullMarked;
