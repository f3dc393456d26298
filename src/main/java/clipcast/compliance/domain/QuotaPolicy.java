package clipcast.compliance.domain;

/** A message needs a credit: with none left, it is not sent. */
public final class QuotaPolicy implements Policy {

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        return sending.creditsLeft() > 0 ? Decision.allow() : new Decision.Block(ReasonCode.QUOTA_EXCEEDED);
    }
}
