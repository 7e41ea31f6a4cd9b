package io.hookline.tenancy.context;

import io.hookline.tenancy.TenantId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The tenant and subject the current thread acts for. Requests run on their own (virtual)
 * thread, so a thread-local bound by a filter and cleared in its {@code finally} is exactly
 * request-scoped.
 */
public final class CallerContext {

    /**
     * Who acts and for which tenant; {@code tenant} is null for platform-level calls.
     * {@code worker} marks the delivery worker, the one caller that works across tenants.
     */
    public record Caller(String subject, @Nullable TenantId tenant, boolean worker) {
        public Caller(String subject, @Nullable TenantId tenant) {
            this(subject, tenant, false);
        }

        /** The delivery worker: every tenant's deliveries, under the worker's database role. */
        public static Caller worker(String subject) {
            return new Caller(subject, null, true);
        }
    }

    private static final ThreadLocal<@Nullable Caller> CURRENT = new ThreadLocal<>();

    private CallerContext() {}

    public static Optional<Caller> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static Optional<TenantId> tenant() {
        Caller caller = CURRENT.get();
        return caller == null ? Optional.empty() : Optional.ofNullable(caller.tenant());
    }

    /** The current tenant; throws when the code runs outside a tenant-scoped call. */
    public static TenantId requireTenant() {
        return tenant().orElseThrow(() -> new IllegalStateException("no tenant bound to this call"));
    }

    /** Runs {@code action} as {@code caller}, restoring whatever was bound before. */
    public static <T> T callAs(Caller caller, java.util.function.Supplier<T> action) {
        Caller previous = CURRENT.get();
        CURRENT.set(caller);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Binds {@code caller} until the returned scope is closed. */
    public static Scope bind(Caller caller) {
        Caller previous = CURRENT.get();
        CURRENT.set(caller);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** A binding that ends when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
