/** A tenant's price lists: codes unique per tenant, one ISO 4217 currency each, every change a catalog event in the same transaction. */
@NullMarked
package io.hookline.domain.pricelist;

import org.jspecify.annotations.NullMarked;
