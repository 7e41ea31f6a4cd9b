package io.hookline.domain.sync;

import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stamps a change of a tenant's commerce data. The transaction first takes the tenant's change
 * lock (held until it commits), then reads the clock: so within a tenant, {@code updated_at}
 * order is commit order, and a client paging by ({@code updated_at}, {@code id}) never passes a
 * row that a slower transaction commits later with an earlier stamp — no gaps. The price is
 * that one tenant's commerce writes are serialised, which its rate limit makes cheap.
 */
@Component
public class ChangeClock {

    private final DSLContext dsl;

    ChangeClock(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public OffsetDateTime stamp(TenantId tenant) {
        dsl.execute("select pg_advisory_xact_lock(hashtextextended(?, 7))", "changes:" + tenant.value());
        OffsetDateTime now = dsl.fetchSingle("select clock_timestamp()").get(0, OffsetDateTime.class);
        return now.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
