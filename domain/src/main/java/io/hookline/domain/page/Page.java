package io.hookline.domain.page;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A page of results and, when more rows follow, the sort-key values of its last row (the
 * position the next page starts after). The API layer turns that position into an opaque
 * cursor.
 */
public record Page<T>(List<T> data, @Nullable List<String> nextAfter) {

    public Page {
        data = List.copyOf(data);
        nextAfter = nextAfter == null ? null : List.copyOf(nextAfter);
    }

    /**
     * Builds a page from up to {@code limit + 1} fetched rows: the extra row only tells that a
     * next page exists and is not returned.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, List<String>> sortKey) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> data = fetched.subList(0, limit);
        return new Page<>(data, sortKey.apply(data.getLast()));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(data.stream().map(mapper).toList(), nextAfter);
    }
}
