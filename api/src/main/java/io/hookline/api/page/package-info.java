/**
 * The HTTP side of keyset pagination: {@code limit} and {@code cursor} in, {@code data},
 * {@code nextCursor} and a {@code Link: rel="next"} header out, the same for every list.
 */
@NullMarked
package io.hookline.api.page;

import org.jspecify.annotations.NullMarked;
