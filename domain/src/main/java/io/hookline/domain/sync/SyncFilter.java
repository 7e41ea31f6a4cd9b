package io.hookline.domain.sync;

import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The "changed since" filter every commerce list takes: created after, updated after, and the
 * keyset position of the page. Lists are in ({@code updated_at}, {@code id}) order.
 */
public record SyncFilter(
        @Nullable OffsetDateTime createdAfter, @Nullable OffsetDateTime updatedAfter) {

    public static final SyncFilter ALL = new SyncFilter(null, null);

    /** The rows of this filter after {@code after}, for a table's created, updated and id columns. */
    public Condition condition(
            Field<OffsetDateTime> createdAt,
            Field<OffsetDateTime> updatedAt,
            Field<String> id,
            @Nullable SyncPosition after) {
        Condition condition = DSL.noCondition();
        if (createdAfter != null) {
            condition = condition.and(createdAt.gt(createdAfter));
        }
        if (updatedAfter != null) {
            condition = condition.and(updatedAt.gt(updatedAfter));
        }
        if (after != null) {
            condition = condition.and(DSL.row(updatedAt, id).gt(after.updatedAt(), after.id()));
        }
        return condition;
    }
}
