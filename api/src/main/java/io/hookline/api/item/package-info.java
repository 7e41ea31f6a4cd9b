/** {@code /v1/items}: what a tenant sells, with stock; each change a catalog event, listable by what changed since. */
@NullMarked
package io.hookline.api.item;

import org.jspecify.annotations.NullMarked;
