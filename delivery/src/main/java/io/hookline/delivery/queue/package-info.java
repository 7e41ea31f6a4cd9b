/**
 * Queue destinations: publishing a signed delivery to a Kafka topic or an AMQP exchange and
 * waiting for the broker's acknowledgement, with one producer or connection pooled per webhook
 * (bounded in number, closed when the webhook's destination changes, when it is deleted, or
 * when idle), broker hosts vetted by the outbound-address policy, and every wait bounded by the
 * webhook's timeout so one tenant's dead broker holds up only its own deliveries.
 */
@NullMarked
package io.hookline.delivery.queue;

import org.jspecify.annotations.NullMarked;
