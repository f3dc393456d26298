package clipcast.delivery.feedback;

import clipcast.delivery.feedback.domain.InboundReport;
import clipcast.delivery.feedback.domain.InboundSecret;
import clipcast.delivery.feedback.domain.ReportReader;
import clipcast.web.ApiProblems;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/email/inbound}: the mail system (the bounce address's MTA, a feedback loop's mailbox) posts
 * each raw message it receives. Authenticated by a shared secret, not by a user or an API key: the sender is the
 * platform's own mail system, and the reports it passes on concern every tenant.
 */
@RestController
class InboundFeedbackController {

    static final String PATH = "/hooks/email/inbound";

    private static final Logger log = LoggerFactory.getLogger(InboundFeedbackController.class);
    /** Reports are read whole into memory; no bounce or complaint comes near this. */
    private static final DataSize MAX_SIZE_LIMIT = DataSize.ofMegabytes(100);

    private static final Set<String> MESSAGE_TYPES = Set.of("message/rfc822", "text/plain");

    private final FeedbackReports reports;
    private final ApiProblems problems;
    private final InboundSecret secret;
    private final int maxBytes;

    InboundFeedbackController(
            FeedbackReports reports,
            ApiProblems problems,
            @Value("${clipcast.feedback.inbound-secret:${CLIPCAST_FEEDBACK_SECRET:}}") String secret,
            @Value("${clipcast.feedback.max-size:5MB}") DataSize maxSize) {
        this.reports = reports;
        this.problems = problems;
        this.secret = InboundSecret.of(secret);
        if (maxSize.toBytes() < 1 || maxSize.toBytes() > MAX_SIZE_LIMIT.toBytes()) {
            throw new IllegalArgumentException("clipcast.feedback.max-size must be between 1B and " + MAX_SIZE_LIMIT);
        }
        this.maxBytes = (int) maxSize.toBytes();
        if (!this.secret.configured()) {
            log.info(
                    "The feedback hook {} answers 503 until clipcast.feedback.inbound-secret"
                            + " (CLIPCAST_FEEDBACK_SECRET) is set",
                    PATH);
        }
    }

    @PostMapping(PATH)
    ResponseEntity<?> receive(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long contentLength,
            InputStream body)
            throws IOException {
        switch (secret.check(authorization)) {
            case NOT_CONFIGURED -> {
                return problems.respond(HttpStatus.SERVICE_UNAVAILABLE, "FEEDBACK_NOT_CONFIGURED");
            }
            case REFUSED -> {
                return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                        .contentType(ApiProblems.PROBLEM_JSON)
                        .body(problems.problem(HttpStatus.UNAUTHORIZED, "HOOK_UNAUTHENTICATED"));
            }
            case ACCEPTED -> {}
        }
        if (!isMessage(contentType)) {
            return problems.respond(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, "MESSAGE_EXPECTED", contentType == null ? "none" : contentType);
        }
        if (contentLength != null && contentLength > maxBytes) {
            return tooLarge();
        }
        var raw = body.readNBytes(maxBytes + 1);
        if (raw.length > maxBytes) {
            return tooLarge();
        }
        if (isBlank(raw)) {
            return problems.respond(HttpStatus.BAD_REQUEST, "EMPTY_REPORT");
        }
        return switch (ReportReader.read(raw)) {
            case InboundReport.Unreadable(var reason) -> {
                var malformed = problems.problem(HttpStatus.BAD_REQUEST, "MALFORMED_MESSAGE", reason);
                malformed.setProperty("reason", reason);
                yield ResponseEntity.badRequest()
                        .contentType(ApiProblems.PROBLEM_JSON)
                        .body(malformed);
            }
            case InboundReport.Ignored(var reason, var detail) ->
                ResponseEntity.ok(FeedbackOutcome.ignored(null, reason, detail));
            case InboundReport.DeliveryStatus report -> ResponseEntity.ok(reports.bounces(report));
            case InboundReport.Feedback report -> ResponseEntity.ok(reports.complaint(report));
        };
    }

    private ResponseEntity<?> tooLarge() {
        return problems.respond(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", maxBytes);
    }

    private static boolean isMessage(String contentType) {
        if (contentType == null) {
            return false;
        }
        var type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return MESSAGE_TYPES.contains(type);
    }

    private static boolean isBlank(byte[] raw) {
        for (byte b : raw) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
