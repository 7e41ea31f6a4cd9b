/**
 * Delivery statistics for tenants: a webhook's or the whole tenant's attempts by outcome,
 * finished deliveries, success rate and latency percentiles over a window of hourly or daily
 * buckets, read from the pre-aggregated {@code delivery_stats} rows the worker keeps up to date
 * ({@link io.hookline.domain.delivery.DeliveryQueue#recordStats}), never from the attempt log.
 */
@NullMarked
package io.hookline.delivery.stats;

import org.jspecify.annotations.NullMarked;
