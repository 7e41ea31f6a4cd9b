/** The runnable Hookline node: the HTTP API over the domain, its security and its errors. */
@NullMarked
package io.hookline.api;

import org.jspecify.annotations.NullMarked;
