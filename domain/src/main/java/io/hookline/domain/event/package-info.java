/**
 * Events: the outbox every change writes to in its own transaction, the fan-out that turns an
 * event into one delivery per matching webhook (event type, site, filters), publishing from
 * other services with an idempotency key, and reading events back.
 */
@NullMarked
package io.hookline.domain.event;

import org.jspecify.annotations.NullMarked;
