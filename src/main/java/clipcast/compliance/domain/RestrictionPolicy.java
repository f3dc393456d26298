package clipcast.compliance.domain;

/** A person who asked to restrict processing gets no marketing until the restriction is lifted. */
public final class RestrictionPolicy implements Policy {

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        return recipient.restricted() ? new Decision.Block(ReasonCode.RESTRICTED) : Decision.allow();
    }
}
