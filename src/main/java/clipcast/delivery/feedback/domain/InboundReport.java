package clipcast.delivery.feedback.domain;

import java.util.List;

/** What a message posted to the feedback hook turned out to be. */
public sealed interface InboundReport {

    /**
     * A delivery status notification (RFC 3464): bounces and delay warnings.
     *
     * @param originalMessageId the Message-ID of the returned message (its headers are attached), or null
     * @param reportingMta the {@code Reporting-MTA}, or null
     */
    record DeliveryStatus(String originalMessageId, String reportingMta, List<RecipientStatus> recipients)
            implements InboundReport {
        public DeliveryStatus {
            recipients = List.copyOf(recipients);
        }
    }

    /**
     * An abuse report (ARF, RFC 5965): a person marked the message as spam, or reported fraud or a virus.
     *
     * @param feedbackType the {@code Feedback-Type} in lower case, or null
     * @param userAgent who made the report ({@code User-Agent}), or null
     * @param originalMessageId the Message-ID of the reported message, or null
     * @param reportedRecipients normalised: the {@code Original-Rcpt-To} fields, then the reported message's To
     */
    record Feedback(String feedbackType, String userAgent, String originalMessageId, List<String> reportedRecipients)
            implements InboundReport {
        public Feedback {
            reportedRecipients = List.copyOf(reportedRecipients);
        }
    }

    /** A readable message that is no report to act on (an auto-reply, a read receipt, a report without fields). */
    record Ignored(String reason, String detail) implements InboundReport {}

    /** Not a readable RFC 5322 message at all, or one whose MIME structure is broken. */
    record Unreadable(String reason) implements InboundReport {}
}
