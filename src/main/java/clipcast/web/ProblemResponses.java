package clipcast.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** Security refusals on the API as problems: 401 without a valid key, 403 for a key whose scope does not reach. */
final class ProblemResponses {

    private final ApiProblems problems;
    private final JsonMapper json;

    ProblemResponses(ApiProblems problems, JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    AuthenticationEntryPoint unauthenticated() {
        return (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, ex) -> write(response, HttpStatus.FORBIDDEN, "FORBIDDEN_SCOPE");
    }

    void write(HttpServletResponse response, HttpStatus status, String code) throws IOException {
        response.setStatus(status.value());
        response.setContentType(ApiProblems.PROBLEM_JSON.toString());
        json.writeValue(response.getOutputStream(), problems.problem(status, code));
    }
}
