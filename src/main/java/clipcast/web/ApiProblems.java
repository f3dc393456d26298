package clipcast.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Builds RFC 9457 problems with a machine {@code code}, a translated title and detail from the message bundle
 * ({@code problem.CODE.title}, {@code problem.CODE.detail}), and per-field {@code errors}.
 */
@Component
public class ApiProblems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final MessageSource messages;

    ApiProblems(MessageSource messages) {
        this.messages = messages;
    }

    public ProblemDetail problem(HttpStatusCode status, String code, Object... detailArgs) {
        return problem(status, code, List.of(), detailArgs);
    }

    public ProblemDetail problem(HttpStatusCode status, String code, List<FieldIssue> errors, Object... detailArgs) {
        var locale = LocaleContextHolder.getLocale();
        var problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(
                "https://clipcast.io/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        var reason = status instanceof HttpStatus known ? known.getReasonPhrase() : "Error";
        problem.setTitle(messages.getMessage("problem." + code + ".title", null, reason, locale));
        var detail = messages.getMessage("problem." + code + ".detail", detailArgs, null, locale);
        if (detail != null) {
            problem.setDetail(detail);
        }
        problem.setProperty("code", code);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public ResponseEntity<ProblemDetail> respond(HttpStatusCode status, String code, Object... detailArgs) {
        return respond(status, code, List.of(), detailArgs);
    }

    public ResponseEntity<ProblemDetail> respond(
            HttpStatusCode status, String code, List<FieldIssue> errors, Object... detailArgs) {
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(problem(status, code, errors, detailArgs));
    }

    /** A field error sentence from the bundle ({@code field.CODE}), falling back to the code itself. */
    public FieldIssue fieldIssue(String field, String code, Object... args) {
        var message = messages.getMessage("field." + code, args, code, LocaleContextHolder.getLocale());
        return new FieldIssue(field, code, message);
    }
}
