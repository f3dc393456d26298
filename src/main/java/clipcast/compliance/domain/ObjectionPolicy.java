package clipcast.compliance.domain;

/** A person who objected to processing gets no marketing. */
public final class ObjectionPolicy implements Policy {

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        return recipient.objected() ? new Decision.Block(ReasonCode.OBJECTED) : Decision.allow();
    }
}
