package clipcast.tenancy;

import java.util.UUID;

/** Who is calling the API: a key of one tenant with one scope. */
public record ApiPrincipal(TenantId tenantId, UUID keyId, ApiKeyScope scope) {}
