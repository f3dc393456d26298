package clipcast.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <key>} on the API. A valid key becomes the request's authentication and its
 * tenant the data scope of everything the request does; an invalid one ends the request with 401 at once.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final Callers callers;
    private final ProblemResponses responses;

    ApiKeyAuthenticationFilter(Callers callers, ProblemResponses responses) {
        this.callers = callers;
        this.responses = responses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        var authentication = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? callers.authenticateApiKey(header.substring(BEARER.length()).strip())
                : java.util.Optional.<org.springframework.security.core.Authentication>empty();
        if (authentication.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            responses.write(response, HttpStatus.UNAUTHORIZED, "INVALID_API_KEY");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication.get());
        SecurityContextHolder.setContext(context);
        try (var scope = callers.enterScopeOf(authentication.get())) {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
