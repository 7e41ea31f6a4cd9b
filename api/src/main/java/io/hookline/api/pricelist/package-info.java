/** {@code /v1/price-lists}: a tenant's price lists, each change a catalog event, listable by what changed since. */
@NullMarked
package io.hookline.api.pricelist;

import org.jspecify.annotations.NullMarked;
