/**
 * Delivery statistics over HTTP: {@code GET /v1/webhooks/{id}/stats} and {@code GET /v1/stats}
 * (a window of hourly or daily buckets, each with attempts by outcome, finished deliveries,
 * success rate and latency percentiles), served from the pre-aggregated statistics.
 */
@NullMarked
package io.hookline.api.stats;

import org.jspecify.annotations.NullMarked;
