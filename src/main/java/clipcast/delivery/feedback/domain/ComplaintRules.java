package clipcast.delivery.feedback.domain;

import java.util.Locale;

/**
 * What an abuse report's {@code Feedback-Type} means. {@code abuse} (spam), {@code fraud}, {@code virus}, {@code
 * other} and types we do not know yet are all a recipient objecting to the message: a complaint. {@code not-spam}
 * (RFC 6430) takes a complaint back rather than making one, and {@code auth-failure} (RFC 6591) reports our
 * authentication, not the recipient's wish: neither is acted on.
 */
public final class ComplaintRules {

    private ComplaintRules() {}

    public static Verdict judge(String feedbackType) {
        if (feedbackType == null || feedbackType.isBlank()) {
            return new Verdict.NoAction("NO_FEEDBACK_TYPE");
        }
        var type = feedbackType.strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "not-spam" -> new Verdict.NoAction("NOT_SPAM");
            case "auth-failure" -> new Verdict.NoAction("AUTH_FAILURE_REPORT");
            default -> new Verdict.Complaint(type);
        };
    }
}
