package clipcast.compliance.domain;

/** No consent, no message: the ledger must show consent for this channel and purpose that was not withdrawn. */
public final class ConsentPolicy implements Policy {

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        return switch (recipient.consent()) {
            case GRANTED -> Decision.allow();
            case WITHDRAWN -> new Decision.Block(ReasonCode.CONSENT_WITHDRAWN);
            case NONE -> new Decision.Block(ReasonCode.NO_CONSENT);
        };
    }
}
