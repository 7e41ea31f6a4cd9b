/**
 * Webhook subscriptions: what a tenant subscribes (URL, event types, sites, filters, headers,
 * timeout, retry and signature policy), the cap on how many it may have, and its signing
 * secret — generated here, encrypted at rest, shown once, rotated with a grace period.
 */
@NullMarked
package io.hookline.domain.webhook;

import org.jspecify.annotations.NullMarked;
