package clipcast.support;

import clipcast.tenancy.ApiKeyScope;
import clipcast.tenancy.Plan;
import clipcast.tenancy.Role;
import clipcast.tenancy.Tenancy;
import clipcast.tenancy.Tenant;
import clipcast.tenancy.TenantScope;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Makes tenants, keys and users for tests, through the tenancy module's own API. */
@Component
public class TestTenants {

    private final Tenancy tenancy;

    TestTenants(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** A new tenant with a FULL key. */
    public TenantWithKey create(String name) {
        return create(name, Plan.LITE);
    }

    public TenantWithKey create(String name, Plan plan) {
        var tenant =
                tenancy.createTenant(name + " " + UUID.randomUUID().toString().substring(0, 8), plan);
        var key = TenantScope.call(tenant.id(), () -> tenancy.issueApiKey("test", ApiKeyScope.FULL));
        return new TenantWithKey(tenant, key.secret(), key.key().id());
    }

    public String issueKey(Tenant tenant, ApiKeyScope scope) {
        return TenantScope.call(tenant.id(), () -> tenancy.issueApiKey("test " + scope, scope))
                .secret();
    }

    /** A user of the tenant with a known password; returns the email. */
    public String createUser(Tenant tenant, Role role, String password) {
        var email =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        TenantScope.run(tenant.id(), () -> tenancy.createUser(email, role, password));
        return email;
    }

    public record TenantWithKey(Tenant tenant, String apiKey, UUID apiKeyId) {}
}
