/** Items a tenant sells: price, optional stock, and the inventory.low signal when stock falls below its threshold. */
@NullMarked
package io.hookline.domain.item;

import org.jspecify.annotations.NullMarked;
