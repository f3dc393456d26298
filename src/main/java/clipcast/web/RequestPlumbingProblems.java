package clipcast.web;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MultipartException;

/**
 * Requests that break before any controller is chosen (an unreadable multipart body, a query string that does not
 * decode): no handler-scoped advice sees them, so this one applies everywhere. Both are the caller's fault: 400.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestPlumbingProblems {

    private static final Pattern PARAMETER = Pattern.compile("Parameter \\[([^\\]]{1,100})\\]");

    private final ApiProblems problems;

    RequestPlumbingProblems(ApiProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException ex) {
        return problems.respond(HttpStatus.BAD_REQUEST, "MALFORMED_MULTIPART");
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException ex) {
        var matcher = PARAMETER.matcher(String.valueOf(ex.getMessage()));
        var name = matcher.find() ? matcher.group(1) : "query";
        return problems.respond(
                HttpStatus.BAD_REQUEST,
                "INVALID_PARAMETER",
                List.of(problems.fieldIssue(name, "INVALID_ENCODING")),
                name);
    }
}
