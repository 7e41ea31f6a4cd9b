package io.hookline.domain.commerce;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Objects;

/**
 * Whether a change changes anything. A PATCH that sets every field to the value it has is not a
 * change: it writes nothing, emits no event and keeps {@code updatedAt}, so webhook consumers
 * and "changed since" syncs never hear about nothing.
 */
public final class Unchanged {

    private Unchanged() {}

    /** Whether two versions of a resource record are equal in every component but {@code updatedAt}. */
    public static <R extends Record> boolean same(R current, R updated) {
        try {
            for (RecordComponent component : current.getClass().getRecordComponents()) {
                if (component.getName().equals("updatedAt")) {
                    continue;
                }
                var accessor = component.getAccessor();
                if (!Objects.equals(accessor.invoke(current), accessor.invoke(updated))) {
                    return false;
                }
            }
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(
                    "cannot compare " + current.getClass().getSimpleName(), e);
        }
    }
}
