package clipcast.tenancy;

import java.util.UUID;

/** A person who signs in to the dashboard or the operator console; operators belong to no tenant. */
public record UserAccount(UUID id, TenantId tenantId, String email, Role role, String passwordHash) {

    @Override
    public String toString() {
        return "UserAccount[id=" + id + ", tenantId=" + tenantId + ", email=" + email + ", role=" + role + "]";
    }
}
