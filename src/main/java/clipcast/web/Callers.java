package clipcast.web;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/** Implemented by the module that knows callers: who an API key belongs to, and whose data a caller works on. */
public interface Callers {

    /** The authentication for a presented bearer key, empty when it is not a live key. */
    Optional<Authentication> authenticateApiKey(String bearerToken);

    /** Enters the data scope of an authenticated caller for the rest of the request; close to leave it. */
    ScopeHandle enterScopeOf(Authentication authentication);

    /** A scope entered for one request. */
    interface ScopeHandle extends AutoCloseable {
        @Override
        void close();
    }
}
