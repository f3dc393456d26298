package clipcast.delivery;

/**
 * What a transport says about one message: accepted by the next hop, to be tried again later (throttling,
 * temporary failures: never counted as sent), or refused for good.
 */
public sealed interface SendOutcome permits SendOutcome.Accepted, SendOutcome.RetryLater, SendOutcome.Refused {

    /** The next hop took the message; {@code reference} is its id there (queue id, SMPP message id). */
    record Accepted(String reference) implements SendOutcome {}

    /** Try again later: {@code code} is the peer's answer (e.g. SMTP 421, SMPP 0x58 throttled). */
    record RetryLater(String code, String reason) implements SendOutcome {}

    /** Refused for good: the recipient or content will not be accepted by trying again. */
    record Refused(String code, String reason) implements SendOutcome {}
}
