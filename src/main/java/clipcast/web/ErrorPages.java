package clipcast.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What reaches {@code /error} (failures outside controllers: the servlet container, filters): a problem for API
 * callers, a plain page for people. Neither ever shows an exception.
 */
@Controller
class ErrorPages implements ErrorController {

    private final ApiProblems problems;

    ErrorPages(ApiProblems problems) {
        this.problems = problems;
    }

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    String page(HttpServletRequest request, Model model) {
        var status = status(request);
        if (isApi(request)) {
            return "forward:/error/problem";
        }
        model.addAttribute("status", status.value());
        model.addAttribute("messageKey", status.is4xxClientError() ? "error.client" : "error.server");
        return "error";
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        var status = status(request);
        var code = switch (status) {
            case NOT_FOUND -> "NOT_FOUND";
            case CONTENT_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            case BAD_REQUEST -> "BAD_REQUEST";
            case INTERNAL_SERVER_ERROR -> "INTERNAL_ERROR";
            default -> status.name();
        };
        return problems.respond(status, code, "");
    }

    @RequestMapping("/error/problem")
    ResponseEntity<ProblemDetail> forwardedProblem(HttpServletRequest request) {
        return problem(request);
    }

    private static boolean isApi(HttpServletRequest request) {
        var uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri != null && uri.startsWith("/api/");
    }

    private static HttpStatus status(HttpServletRequest request) {
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        var status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
