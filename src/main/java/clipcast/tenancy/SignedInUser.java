package clipcast.tenancy;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A person signed in to the dashboard: their role is their authority ({@code ROLE_OWNER}, ...). */
public record SignedInUser(UUID id, TenantId tenantId, String email, Role role, String passwordHash)
        implements UserDetails {

    static SignedInUser of(UserAccount account) {
        return new SignedInUser(
                account.id(), account.tenantId(), account.email(), account.role(), account.passwordHash());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public String toString() {
        return "SignedInUser[id=" + id + ", tenantId=" + tenantId + ", email=" + email + ", role=" + role + "]";
    }
}
