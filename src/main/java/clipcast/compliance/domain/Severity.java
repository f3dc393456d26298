package clipcast.compliance.domain;

/** BLOCK: the message may not be sent. REVIEW: it may be sent once the operator has looked at it. */
public enum Severity {
    BLOCK,
    REVIEW
}
