package io.hookline.tenancy;

import com.github.f4b6a3.ulid.UlidCreator;
import java.util.regex.Pattern;

/**
 * Prefixed ULID identifiers ({@code wh_01J…}): time-sortable, so keyset pagination by id is
 * also pagination by creation time. The prefixes are listed in {@link IdPrefix}.
 */
public final class Ids {

    /** A canonical ULID (Crockford base32, upper case) as a regular expression. */
    public static final String ULID_PATTERN = "[0-9A-HJKMNP-TV-Z]{26}";

    private static final Pattern ULID = Pattern.compile(ULID_PATTERN);

    private Ids() {}

    /** A new id with the given prefix, e.g. {@code next(WEBHOOK)} → {@code wh_01J…}. */
    public static String next(IdPrefix prefix) {
        return prefix.value() + "_" + UlidCreator.getMonotonicUlid();
    }

    /**
     * The smallest id with the given prefix created at {@code instant}: every id created
     * before it sorts below it, which lets a range of the primary key stand for "older than".
     */
    public static String firstAt(IdPrefix prefix, java.time.Instant instant) {
        return prefix.value() + "_" + new com.github.f4b6a3.ulid.Ulid(instant.toEpochMilli(), new byte[10]);
    }

    /** Whether {@code value} is {@code prefix_} followed by a canonical ULID. */
    public static boolean isValid(IdPrefix prefix, String value) {
        String text = prefix.value();
        return value.length() == text.length() + 27
                && value.startsWith(text + "_")
                && ULID.matcher(value).region(text.length() + 1, value.length()).matches();
    }

    /** Refuses a {@code value} that is not an id of this kind with an exception naming the kind. */
    static void require(IdPrefix prefix, String value, String kind) {
        if (!isValid(prefix, value)) {
            throw new IllegalArgumentException(
                    "not " + kind + ": expected " + prefix.value() + "_ followed by a 26-character ULID");
        }
    }
}
