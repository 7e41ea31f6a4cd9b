/** Customers of a tenant's storefront: codes unique per tenant, every change a catalog event in the same transaction. */
@NullMarked
package io.hookline.domain.customer;

import org.jspecify.annotations.NullMarked;
