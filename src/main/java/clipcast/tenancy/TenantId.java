package clipcast.tenancy;

import java.util.Objects;
import java.util.UUID;

/** The id of a tenant: the leading column of every tenant-owned table. */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId of(String text) {
        return new TenantId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
