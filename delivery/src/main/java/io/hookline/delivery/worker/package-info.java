/**
 * The delivery worker every node runs: claims due deliveries in short transactions under a
 * lease ({@code FOR UPDATE SKIP LOCKED}, fair across tenants and capped per webhook), posts
 * them with no transaction or pooled connection held, and settles each attempt behind a
 * fencing token; retries on the configured schedule; disables webhooks that keep failing.
 */
@NullMarked
package io.hookline.delivery.worker;

import org.jspecify.annotations.NullMarked;
