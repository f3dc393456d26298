package clipcast.tenancy;

import java.time.Instant;

public record Tenant(
        TenantId id,
        String slug,
        String name,
        Plan plan,
        TenantStatus status,
        long messageCredits,
        Instant createdAt) {}
