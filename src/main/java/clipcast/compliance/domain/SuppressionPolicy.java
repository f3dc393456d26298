package clipcast.compliance.domain;

/** Suppression beats consent, always: an unsubscribed, complaining, bounced or erased address gets nothing. */
public final class SuppressionPolicy implements Policy {

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        return recipient.suppressed() ? new Decision.Block(ReasonCode.SUPPRESSED) : Decision.allow();
    }
}
