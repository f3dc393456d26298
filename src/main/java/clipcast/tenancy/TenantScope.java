package clipcast.tenancy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Whose data the current thread works on: one tenant, or the whole platform (operator console, schedulers,
 * delivery workers). The database reads it on every connection and its row-level security lets a tenant scope
 * see that tenant's rows only; no scope at all sees no tenant rows.
 */
public final class TenantScope {

    /** A scope: exactly one tenant, or the platform. */
    public sealed interface Scope permits Tenant, Platform {}

    public record Tenant(TenantId id) implements Scope {
        public Tenant {
            Objects.requireNonNull(id, "tenant id");
        }
    }

    public record Platform() implements Scope {}

    /** Restores the scope that was current before {@link #enter}. */
    public interface Entered extends AutoCloseable {
        @Override
        void close();
    }

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private TenantScope() {}

    public static Scope current() {
        return CURRENT.get();
    }

    public static TenantId requireTenant() {
        if (CURRENT.get() instanceof Tenant(var id)) {
            return id;
        }
        throw new IllegalStateException("This work needs a tenant scope");
    }

    public static Entered enter(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        var previous = CURRENT.get();
        CURRENT.set(scope);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    public static <T> T call(TenantId tenant, Supplier<T> work) {
        try (var ignored = enter(new Tenant(tenant))) {
            return work.get();
        }
    }

    public static void run(TenantId tenant, Runnable work) {
        try (var ignored = enter(new Tenant(tenant))) {
            work.run();
        }
    }

    public static <T> T callAsPlatform(Supplier<T> work) {
        try (var ignored = enter(new Platform())) {
            return work.get();
        }
    }
}
