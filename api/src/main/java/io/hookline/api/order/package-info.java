/** {@code /v1/orders}: placing orders, moving their lines through production, and recording payments. */
@NullMarked
package io.hookline.api.order;

import org.jspecify.annotations.NullMarked;
