package io.hookline.delivery.queue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps the order in which a webhook's deliveries are handed to their producer the order in
 * which they were claimed, though each is attempted on a thread of its own. The claiming loop
 * takes a {@link Turn} for each delivery, one after another; an attempt waits for the turn
 * before it to be passed before it hands its record over, and passes its own right after. Only
 * the hand-over is serialised: the acknowledgements are awaited side by side, and Kafka's
 * idempotent producer keeps records handed over in order in that order on their partition.
 *
 * <p>A turn not passed within {@link #MAX_WAIT} (its attempt stuck before it got as far as its
 * send, a broker whose metadata does not come) is waited for no longer: order is then lost, as
 * with a retry, but one stuck attempt never holds up the webhook's others past their lease.
 */
public final class SendOrder {

    /** Longest an attempt waits for the attempt claimed before it to hand its record over. */
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    /** Above this many webhooks, those with no turn outstanding are forgotten. */
    private static final int TIDY_ABOVE = 1024;

    /** The last turn taken per webhook: what the next one waits for. */
    private final Map<String, CompletableFuture<Void>> last = new HashMap<>();

    /**
     * The next turn of this webhook. Take turns in the order the deliveries should be handed over
     * (the claim's), and pass each one, whatever becomes of its attempt.
     */
    public synchronized Turn take(String webhookId) {
        if (last.size() > TIDY_ABOVE) {
            last.values().removeIf(CompletableFuture::isDone);
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> before = last.put(webhookId, mine);
        return new Turn(before == null ? CompletableFuture.completedFuture(null) : before, mine);
    }

    /** Webhooks with turns remembered (for tests of the bound). */
    synchronized int size() {
        return last.size();
    }

    /** One delivery's place in its webhook's order; {@link #ANY} for one that keeps none. */
    public static final class Turn {

        /** A turn that waits for nothing (HTTPS deliveries, the test endpoint's attempt). */
        public static final Turn ANY =
                new Turn(CompletableFuture.completedFuture(null), CompletableFuture.completedFuture(null));

        private final CompletableFuture<Void> before;
        private final CompletableFuture<Void> mine;

        private Turn(CompletableFuture<Void> before, CompletableFuture<Void> mine) {
            this.before = before;
            this.mine = mine;
        }

        /**
         * Waits until the delivery claimed before this one has been handed over, at most {@code
         * max}; answers false only when interrupted (the node is stopping).
         */
        boolean awaitBefore(Duration max) {
            try {
                before.get(max.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (TimeoutException | ExecutionException e) {
                return true;
            }
        }

        /** This delivery was handed over (or will not be): the next may go. Passing twice is harmless. */
        public void pass() {
            mine.complete(null);
        }
    }
}
