package clipcast.tenancy;

import clipcast.web.Callers;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Tells the web layer who a caller is and enters that caller's tenant scope. */
@Component
class TenancyCallers implements Callers {

    private final Tenancy tenancy;

    TenancyCallers(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public Optional<Authentication> authenticateApiKey(String bearerToken) {
        return tenancy.authenticate(bearerToken).map(ApiKeyAuthentication::new);
    }

    @Override
    public ScopeHandle enterScopeOf(Authentication authentication) {
        TenantScope.Scope scope = switch (authentication.getPrincipal()) {
            case ApiPrincipal api -> new TenantScope.Tenant(api.tenantId());
            case SignedInUser user when user.tenantId() != null -> new TenantScope.Tenant(user.tenantId());
            case SignedInUser operator -> new TenantScope.Platform();
            default -> null;
        };
        if (scope == null) {
            return () -> {};
        }
        var entered = TenantScope.enter(scope);
        return entered::close;
    }

    /** An authenticated API key: its authority is its scope ({@code SCOPE_FULL} or {@code SCOPE_REDEEM}). */
    static final class ApiKeyAuthentication extends AbstractAuthenticationToken {
        private final ApiPrincipal principal;

        ApiKeyAuthentication(ApiPrincipal principal) {
            super(List.of(
                    new SimpleGrantedAuthority("SCOPE_" + principal.scope().name())));
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public ApiPrincipal getPrincipal() {
            return principal;
        }
    }
}
