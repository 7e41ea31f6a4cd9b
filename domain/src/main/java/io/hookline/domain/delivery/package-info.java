/**
 * The delivery queue: the one owner of every {@code delivery} row and of its attempt log. Every
 * transition (enqueued by an event's fan-out, claimed under a lease, settled behind its fencing
 * token, acknowledged, swept, parked and resumed with its webhook, resent, recovered, removed
 * by retention) is a method of {@link io.hookline.domain.delivery.DeliveryQueue}, with a
 * {@link io.hookline.domain.delivery.DeliveryStatus} and typed records in and out; no other
 * class writes these tables. The per-webhook, per-hour statistics ({@code delivery_stats}) are
 * written here too, in the transaction of the transitions they count:
 * {@link io.hookline.domain.delivery.StatsTally} gathers a batch,
 * {@link io.hookline.domain.delivery.DeliveryCounts} and
 * {@link io.hookline.domain.delivery.LatencyHistogram} hold and add up the figures. It lives
 * in {@code domain} because the fan-out and the parking of a disabled webhook's deliveries
 * happen inside domain transactions.
 */
@NullMarked
package io.hookline.domain.delivery;

import org.jspecify.annotations.NullMarked;
