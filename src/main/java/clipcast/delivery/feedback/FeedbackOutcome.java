package clipcast.delivery.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * The hook's answer: whether the message was a report acted on ({@code PROCESSED}) or not ({@code IGNORED}, with
 * the reason), and for each recipient what it said and what was done.
 *
 * @param type {@code DELIVERY_STATUS} (RFC 3464) or {@code FEEDBACK_REPORT} (RFC 5965), when recognised
 * @param originalMessageId the Message-ID of the message the report is about, as quoted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FeedbackOutcome(
        Outcome outcome,
        String type,
        String reason,
        String detail,
        String originalMessageId,
        List<RecipientOutcome> recipients) {

    static final String DELIVERY_STATUS = "DELIVERY_STATUS";
    static final String FEEDBACK_REPORT = "FEEDBACK_REPORT";

    enum Outcome {
        PROCESSED,
        IGNORED
    }

    static FeedbackOutcome ignored(String type, String reason, String detail) {
        return new FeedbackOutcome(Outcome.IGNORED, type, reason, detail, null, null);
    }

    static FeedbackOutcome processed(String type, String originalMessageId, List<RecipientOutcome> recipients) {
        return new FeedbackOutcome(Outcome.PROCESSED, type, null, null, originalMessageId, List.copyOf(recipients));
    }

    /**
     * One recipient of a report.
     *
     * @param address the recipient as the report gives it
     * @param action the DSN's {@code Action}
     * @param status the DSN's enhanced status code
     * @param feedbackType the abuse report's {@code Feedback-Type}
     * @param event what the report amounts to: {@code HARD_BOUNCE}, {@code SOFT_BOUNCE} or {@code COMPLAINT}
     * @param reason why nothing was recorded ({@code NO_ACTION}, {@code NO_MESSAGE})
     * @param messageId the outbox message the event belongs to
     * @param suppressed the suppression the event brought ({@code TENANT} for a hard bounce, {@code PLATFORM} for a
     *     complaint)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecipientOutcome(
            String address,
            String action,
            String status,
            String feedbackType,
            String event,
            Result result,
            String reason,
            UUID messageId,
            MatchedBy matchedBy,
            Scope suppressed) {}

    enum Result {
        /** The event is recorded now (and the address suppressed, where the event asks for it). */
        RECORDED,
        /** The message had this event already (the same report posted again): nothing new is recorded. */
        ALREADY_RECORDED,
        /** No message of ours to tie the report to: nothing is recorded, nobody suppressed. */
        NO_MESSAGE,
        /** The report asks for nothing (a delivery, a delay without a status, not-spam). */
        NO_ACTION
    }

    enum MatchedBy {
        /** The original message's Message-ID names the outbox message. */
        MESSAGE_ID,
        /** No Message-ID: the email most recently sent to the recipient. */
        RECIPIENT
    }

    enum Scope {
        TENANT,
        PLATFORM
    }
}
