package io.hookline.domain.sync;

import io.hookline.domain.page.CursorCodec;
import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A place in a commerce list: the ({@code updated_at}, {@code id}) of the last row seen. */
public record SyncPosition(OffsetDateTime updatedAt, String id) {

    /** The rows a list can fetch after a position: at most {@code limit}, in (time, id) order. */
    @FunctionalInterface
    public interface Fetch<T> {
        List<T> after(@Nullable SyncPosition position, int limit);
    }

    /**
     * One page of a list in (time, id) order: fetches one row more than the page holds to know
     * whether another page follows, and keys the next page by the last row's time and id.
     */
    public static <T> Page<T> page(
            PageRequest request, Fetch<T> fetch, Function<T, OffsetDateTime> time, Function<T, String> id) {
        List<T> fetched = fetch.after(of(request.after()), request.limit() + 1);
        return Page.of(fetched, request.limit(), row -> new SyncPosition(time.apply(row), id.apply(row)).keys());
    }

    public List<String> keys() {
        return List.of(updatedAt.toString(), id);
    }

    /** The position a page request carries, or null on the first page. */
    public static @Nullable SyncPosition of(@Nullable List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return null;
        }
        if (keys.size() != 2) {
            throw new CursorCodec.InvalidCursorException();
        }
        try {
            return new SyncPosition(OffsetDateTime.parse(keys.get(0)), keys.get(1));
        } catch (java.time.format.DateTimeParseException e) {
            throw new CursorCodec.InvalidCursorException();
        }
    }
}
