package io.hookline.delivery.worker;

import static io.hookline.domain.jooq.Tables.DELIVERY;
import static io.hookline.domain.jooq.Tables.DELIVERY_ATTEMPT;

import io.hookline.domain.problem.DomainException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
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

    private final DSLContext dsl;
    private final AttemptRunner runner;

    Acknowledgements(DSLContext dsl, AttemptRunner runner) {
        this.dsl = dsl;
        this.runner = runner;
    }

    public void acknowledge(String token, boolean done, @Nullable String reason) {
        String hash = AttemptRunner.hash(token);
        boolean settled = runner.inWorkerTransaction(() -> {
            String deliveryId = dsl.update(DELIVERY)
                    .set(DELIVERY.STATUS, done ? "succeeded" : "failed")
                    .set(DELIVERY.ACK_TOKEN_HASH, (String) null)
                    .set(DELIVERY.NEXT_ATTEMPT_AT, (java.time.OffsetDateTime) null)
                    .set(DELIVERY.LEASE_UNTIL, (java.time.OffsetDateTime) null)
                    .set(DELIVERY.LEASE_TOKEN, DELIVERY.LEASE_TOKEN.plus(1))
                    .set(DELIVERY.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(DELIVERY.ACK_TOKEN_HASH.eq(hash), DELIVERY.STATUS.in("waiting", "delivering"))
                    .returning(DELIVERY.ID)
                    .fetchOne(DELIVERY.ID);
            if (deliveryId == null) {
                return false;
            }
            if (reason != null) {
                dsl.update(DELIVERY_ATTEMPT)
                        .set(DELIVERY_ATTEMPT.REASON, reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                        .where(DELIVERY_ATTEMPT.ID.eq(dsl.select(DSL.max(DELIVERY_ATTEMPT.ID))
                                .from(DELIVERY_ATTEMPT)
                                .where(DELIVERY_ATTEMPT.DELIVERY_ID.eq(deliveryId))))
                        .execute();
            }
            return true;
        });
        if (!settled) {
            throw new DomainException.NotFound("acknowledgement link", "(given)");
        }
    }
}
