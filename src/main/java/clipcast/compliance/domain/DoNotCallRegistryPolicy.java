package clipcast.compliance.domain;

/** A number on a do-not-call or do-not-disturb registry gets no SMS, whatever the consent says. */
public final class DoNotCallRegistryPolicy implements Policy {

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        return recipient.onDoNotCallRegistry() && "SMS".equals(recipient.channel())
                ? new Decision.Block(ReasonCode.DNC_REGISTRY)
                : Decision.allow();
    }
}
