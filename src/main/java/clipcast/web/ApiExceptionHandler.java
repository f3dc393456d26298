package clipcast.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every failure of an API call into an RFC 9457 problem with a machine {@code code}: bad input into a 4xx
 * naming the field, anything unexpected into a bare 500 with an incident id (the details go to the log only).
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ApiProblems problems;

    ApiExceptionHandler(ApiProblems problems) {
        this.problems = problems;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(unreadableBody(ex));
    }

    private ResponseEntity<ProblemDetail> unreadableBody(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case PayloadTooLargeException tooLarge -> {
                    return problems.respond(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "");
                }
                case UnrecognizedPropertyException unknown -> {
                    var field = path(unknown);
                    return problems.respond(
                            HttpStatus.BAD_REQUEST,
                            "UNKNOWN_FIELD",
                            List.of(problems.fieldIssue(field, "UNKNOWN_FIELD", field)),
                            field);
                }
                case ValueInstantiationException invalid
                when invalid.getCause() instanceof IllegalArgumentException iae -> {
                    var field = path(invalid);
                    return problems.respond(
                            HttpStatus.BAD_REQUEST,
                            "INVALID_FIELD",
                            List.of(new FieldIssue(
                                    field.isEmpty() ? "body" : field, "INVALID_VALUE", iae.getMessage())),
                            field.isEmpty() ? "body" : field);
                }
                case InvalidFormatException format -> {
                    return invalidField(path(format), "INVALID_FORMAT", format.getValue());
                }
                case MismatchedInputException mismatch
                when !path(mismatch).isEmpty() -> {
                    return invalidField(path(mismatch), "WRONG_TYPE", simpleType(mismatch.getTargetType()));
                }
                case StreamReadException malformed -> {
                    var location = malformed.getLocation();
                    return problems.respond(
                            HttpStatus.BAD_REQUEST,
                            "MALFORMED_JSON",
                            location == null ? 0 : location.getLineNr(),
                            location == null ? 0 : location.getColumnNr());
                }
                default -> {}
            }
        }
        return problems.respond(HttpStatus.BAD_REQUEST, "BODY_REQUIRED");
    }

    private ResponseEntity<ProblemDetail> invalidField(String field, String code, Object arg) {
        var name = field.isEmpty() ? "body" : field;
        return problems.respond(
                HttpStatus.BAD_REQUEST,
                "INVALID_FIELD",
                List.of(problems.fieldIssue(name, code, String.valueOf(arg))),
                name);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = new ArrayList<FieldIssue>();
        ex.getBindingResult()
                .getFieldErrors()
                .forEach(error -> errors.add(new FieldIssue(
                        error.getField(),
                        error.getCode() == null ? "INVALID_VALUE" : toCode(error.getCode()),
                        error.getDefaultMessage())));
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.add(new FieldIssue("body", "INVALID_VALUE", error.getDefaultMessage())));
        return asObject(problems.respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = new ArrayList<FieldIssue>();
        ex.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> errors.add(new FieldIssue(
                                result.getMethodParameter().getParameterName(),
                                "INVALID_VALUE",
                                error.getDefaultMessage()))));
        return asObject(problems.respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", errors));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        var name = ex.getParameterName();
        return asObject(problems.respond(
                HttpStatus.BAD_REQUEST, "MISSING_PARAMETER", List.of(problems.fieldIssue(name, "REQUIRED")), name));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> wrongParameterType(MethodArgumentTypeMismatchException ex) {
        var name = ex.getName();
        return problems.respond(
                HttpStatus.BAD_REQUEST,
                "INVALID_PARAMETER",
                List.of(problems.fieldIssue(name, "INVALID_FORMAT", String.valueOf(ex.getValue()))),
                name);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var response = problems.respond(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "UNSUPPORTED_MEDIA_TYPE",
                ex.getContentType() == null ? "none" : ex.getContentType().toString());
        return ResponseEntity.status(response.getStatusCode())
                .headers(headers)
                .contentType(ApiProblems.PROBLEM_JSON)
                .body(response.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(problems.respond(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var response = problems.respond(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", ex.getMethod());
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .headers(headers)
                .contentType(ApiProblems.PROBLEM_JSON)
                .body(response.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(problems.respond(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", ex.getMaxUploadSize()));
    }

    /** A body read as a stream by the handler itself (an upload) that went past the limit. */
    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> streamedBodyTooLarge(PayloadTooLargeException ex) {
        return problems.respond(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", ex.limit());
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> brokenMultipart(MultipartException ex) {
        return problems.respond(HttpStatus.BAD_REQUEST, "MALFORMED_MULTIPART");
    }

    /** Whatever else Spring MVC knows the status of keeps it, with a code derived from the status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var code = status instanceof HttpStatus known ? known.name() : "HTTP_" + status.value();
        var response = problems.respond(status, code);
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(ApiProblems.PROBLEM_JSON)
                .body(response.getBody());
    }

    /**
     * The safety net for text the database cannot hold (a NUL that did not come through a JSON string, e.g. inside
     * a JSON object stored as jsonb): the statement failed, its transaction is rolled back, the caller gets a 400.
     */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> unstorableText(org.springframework.dao.DataIntegrityViolationException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql
                    && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
                return problems.respond(HttpStatus.BAD_REQUEST, "UNSTORABLE_TEXT");
            }
        }
        return unexpected(ex);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        var incident = UUID.randomUUID();
        log.error("Unexpected failure, incident {}", incident, ex);
        var response = problems.respond(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", incident.toString());
        response.getBody().setProperty("incident", incident.toString());
        return response;
    }

    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .body(response.getBody());
    }

    /** A JSON path as a person writes it: {@code consents[0].channel}. */
    static String path(JacksonException ex) {
        var path = new StringBuilder();
        for (var reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class || type.isEnum() || type == UUID.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "object";
    }

    private static String toCode(String constraint) {
        return switch (constraint) {
            case "NotBlank", "NotNull", "NotEmpty" -> "REQUIRED";
            case "Size", "Length" -> "INVALID_LENGTH";
            case "Min", "Max", "Positive", "PositiveOrZero", "DecimalMin", "DecimalMax" -> "OUT_OF_RANGE";
            case "Email" -> "INVALID_EMAIL";
            case "Pattern" -> "INVALID_FORMAT";
            default -> "INVALID_VALUE";
        };
    }
}
