package clipcast.delivery.feedback.domain;

/** What one recipient's bounce, or one complaint, amounts to. */
public sealed interface Verdict {

    /** The address failed for good: recorded as a hard bounce, and the tenant never sends to it again. */
    record HardBounce(EnhancedStatus status) implements Verdict {}

    /** Not delivered for now (a delay, a full mailbox): counted, the address stays. */
    record SoftBounce(EnhancedStatus status) implements Verdict {}

    /** The recipient complained: recorded, and nobody on the platform sends to the address again. */
    record Complaint(String feedbackType) implements Verdict {}

    /** Nothing to record, and why. */
    record NoAction(String reason) implements Verdict {}
}
