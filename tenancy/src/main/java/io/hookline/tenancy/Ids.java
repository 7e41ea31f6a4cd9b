package io.hookline.tenancy;

import com.github.f4b6a3.ulid.UlidCreator;
import java.util.regex.Pattern;

/**
 * Prefixed ULID identifiers ({@code wh_01J…}): time-sortable, so keyset pagination by id is
 * also pagination by creation time.
 */
public final class Ids {

    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    private Ids() {}

    /** A new id with the given prefix, e.g. {@code next("wh")} → {@code wh_01J…}. */
    public static String next(String prefix) {
        return prefix + "_" + UlidCreator.getMonotonicUlid();
    }

    /**
     * The smallest id with the given prefix created at {@code instant}: every id created
     * before it sorts below it, which lets a range of the primary key stand for "older than".
     */
    public static String firstAt(String prefix, java.time.Instant instant) {
        return prefix + "_" + new com.github.f4b6a3.ulid.Ulid(instant.toEpochMilli(), new byte[10]);
    }

    /** Whether {@code value} is {@code prefix_} followed by a canonical ULID. */
    public static boolean isValid(String prefix, String value) {
        return value.length() == prefix.length() + 27
                && value.startsWith(prefix + "_")
                && ULID.matcher(value)
                        .region(prefix.length() + 1, value.length())
                        .matches();
    }
}
