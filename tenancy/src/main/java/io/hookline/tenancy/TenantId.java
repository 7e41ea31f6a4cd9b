package io.hookline.tenancy;

/** A tenant's id, {@code ten_} + ULID. */
public record TenantId(String value) {

    public static final String PREFIX = "ten";

    public TenantId {
        if (!Ids.isValid(PREFIX, value)) {
            throw new IllegalArgumentException("not a tenant id: expected ten_ followed by a 26-character ULID");
        }
    }

    public static TenantId next() {
        return new TenantId(Ids.next(PREFIX));
    }

    /** Parses a header or path value, or returns null when it is not a tenant id. */
    public static @org.jspecify.annotations.Nullable TenantId parse(@org.jspecify.annotations.Nullable String value) {
        return value != null && Ids.isValid(PREFIX, value) ? new TenantId(value) : null;
    }

    @Override
    public String toString() {
        return value;
    }
}
