package io.hookline.domain.delivery;

import java.time.Duration;
import java.util.List;

/**
 * A delivery worker on this node that takes fresh deliveries straight from the transaction that
 * publishes their event, so they need no claim: {@link DeliveryQueue#enqueue} inserts each one it
 * has room for already {@code delivering}, leased to this node (attempt 1), and hands their ids
 * over once the transaction commits. A node that dies before sending them leaves leased rows,
 * which another node claims when the lease runs out, as it would a claimed delivery's. See
 * docs/delivery.md, "Hand-off on commit".
 */
public interface HandOff {

    /** How long a handed-off delivery is leased to this node. */
    Duration lease();

    /**
     * Takes room for one delivery to this webhook (a place among the worker's requests in flight
     * and under the webhook's in-flight cap); false leaves the delivery to the queue.
     */
    boolean reserve(String webhookId);

    /** The publishing transaction did not commit: gives back the room these deliveries took. */
    void cancel(List<String> webhookIds);

    /**
     * The publishing transaction committed: sends these deliveries, leased to this node, read
     * (as a claim reads them) just before the commit. Room reserved for a delivery that is not
     * among them (its event's savepoint was rolled back) was given back by {@link #cancel}.
     */
    void send(List<Claim> claims);
}
