package io.hookline.domain.page;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset-paginated list: at most {@code limit} rows strictly after the position
 * {@code after} (the sort-key values of the previous page's last row), or from the start.
 */
public record PageRequest(int limit, @Nullable List<String> after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        after = after == null ? null : List.copyOf(after);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    /** The single key of an id-ordered list's position, or null on the first page. */
    public @Nullable String afterId() {
        return after == null || after.isEmpty() ? null : after.getFirst();
    }
}
