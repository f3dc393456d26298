package clipcast.tenancy;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class UserSignIn implements UserDetailsService {

    private final Tenancy tenancy;

    UserSignIn(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return tenancy.findUser(email)
                .map(SignedInUser::of)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
