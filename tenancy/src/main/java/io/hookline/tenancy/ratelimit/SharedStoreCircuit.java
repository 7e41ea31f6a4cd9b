package io.hookline.tenancy.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the shared bucket store (Redis) may be asked. After a failure it stays open for
 * {@code retryInterval}: calls go straight to this node's buckets instead of each paying the
 * store's timeout again. When the interval has passed, exactly one caller gets to try the store
 * (the others keep using local buckets until it reports); a success closes the circuit.
 */
public final class SharedStoreCircuit {

    private static final Logger log = LoggerFactory.getLogger(SharedStoreCircuit.class);

    private record State(boolean open, long retryAtNanos) {}

    private static final State CLOSED = new State(false, 0);

    private final long retryNanos;
    private final LongSupplier nanoTime;
    private final AtomicReference<State> state = new AtomicReference<>(CLOSED);

    public SharedStoreCircuit(Duration retryInterval) {
        this(retryInterval, System::nanoTime);
    }

    SharedStoreCircuit(Duration retryInterval, LongSupplier nanoTime) {
        this.retryNanos = retryInterval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether this caller should ask the shared store now (claims the one trial when open). */
    public boolean allowsCall() {
        State current = state.get();
        if (!current.open()) {
            return true;
        }
        long now = nanoTime.getAsLong();
        if (now - current.retryAtNanos() < 0) {
            return false;
        }
        return state.compareAndSet(current, new State(true, now + retryNanos));
    }

    public void succeeded() {
        if (state.getAndSet(CLOSED).open()) {
            log.info("The shared rate-limit store answers again: limits are shared by every node again");
        }
    }

    public void failed(RuntimeException cause) {
        State previous = state.getAndSet(new State(true, nanoTime.getAsLong() + retryNanos));
        if (!previous.open()) {
            log.warn(
                    "The shared rate-limit store is unavailable ({}): limiting with this node's own buckets,"
                            + " trying it again every {} ms",
                    cause.toString(),
                    retryNanos / 1_000_000);
        }
    }

    /** False from a failure until the next successful call. */
    public boolean available() {
        return !state.get().open();
    }
}
