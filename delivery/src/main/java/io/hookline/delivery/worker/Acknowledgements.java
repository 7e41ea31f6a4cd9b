package io.hookline.delivery.worker;

import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.domain.problem.DomainException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Settles a delivery that its receiver answered with 202 ({@code asyncAcknowledgement}): the
 * receiver POSTs {@code done} or {@code failed} to the capability link it was sent. The link
 * is unguessable (32 random bytes; only its hash is stored), single-use, and reaches only that
 * delivery. Settling also bumps the fencing token, so a worker still holding the delivery
 * cannot overwrite the receiver's word.
 */
@Service
public class Acknowledgements {

    private final DeliveryQueue queue;
    private final AttemptRunner runner;

    Acknowledgements(DeliveryQueue queue, AttemptRunner runner) {
        this.queue = queue;
        this.runner = runner;
    }

    public void acknowledge(String token, boolean done, @Nullable String reason) {
        String hash = AttemptRunner.hash(token);
        boolean settled = runner.inWorkerTransaction(
                () -> queue.acknowledge(hash, done, reason).isPresent());
        if (!settled) {
            throw new DomainException.NotFound("acknowledgement link", "(given)");
        }
    }
}
