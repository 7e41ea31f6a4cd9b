/**
 * The SSRF guard: which addresses Hookline may connect to on a tenant's behalf. Webhook URLs
 * are checked when they are saved, and the delivery client's resolver checks again the
 * address it actually dials.
 */
@NullMarked
package io.hookline.domain.network;

import org.jspecify.annotations.NullMarked;
