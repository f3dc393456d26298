package clipcast.compliance.domain;

/** One compliance rule: for one recipient of one message, allow, block with a reason, or defer with a reason. */
public interface Policy {

    Decision decide(Recipient recipient, Sending sending);
}
