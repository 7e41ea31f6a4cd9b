/** Test support: a real node on a real port, and a client that talks to it over HTTP. */
@NullMarked
package io.hookline.api.support;

import org.jspecify.annotations.NullMarked;
