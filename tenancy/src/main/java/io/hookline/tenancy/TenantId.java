package io.hookline.tenancy;

/** A tenant's id, {@code ten_} + ULID. */
public record TenantId(String value) {

    public TenantId {
        Ids.require(IdPrefix.TENANT, value, "a tenant id");
    }

    public static TenantId next() {
        return new TenantId(Ids.next(IdPrefix.TENANT));
    }

    /** Parses a header or path value, or returns null when it is not a tenant id. */
    public static @org.jspecify.annotations.Nullable TenantId parse(@org.jspecify.annotations.Nullable String value) {
        return value != null && Ids.isValid(IdPrefix.TENANT, value) ? new TenantId(value) : null;
    }

    @Override
    public String toString() {
        return value;
    }
}
