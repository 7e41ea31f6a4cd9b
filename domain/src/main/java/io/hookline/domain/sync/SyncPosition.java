package io.hookline.domain.sync;

import io.hookline.domain.page.CursorCodec;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A place in a commerce list: the ({@code updated_at}, {@code id}) of the last row seen. */
public record SyncPosition(OffsetDateTime updatedAt, String id) {

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
