/**
 * How much a caller may call: a Bucket4j bucket per key (a tenant, or a client address) that
 * is refilled whole every window, plus a cooldown bucket that keeps the key locked out for a
 * fixed time after its first refusal. Buckets live in this node's memory or in Redis, where
 * every node shares them; while Redis does not answer, each node falls back to its own.
 */
@NullMarked
package io.hookline.tenancy.ratelimit;

import org.jspecify.annotations.NullMarked;
