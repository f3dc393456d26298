package clipcast.compliance.domain;

/** A frozen or deactivated account sends nothing. */
public final class AccountFrozenPolicy implements Policy {

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        return sending.accountFrozen() ? new Decision.Block(ReasonCode.ACCOUNT_FROZEN) : Decision.allow();
    }
}
