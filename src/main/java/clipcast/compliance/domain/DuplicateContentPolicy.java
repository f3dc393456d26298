package clipcast.compliance.domain;

/** The same or a nearly identical message to the same recipient within the window is not sent again. */
public final class DuplicateContentPolicy implements Policy {

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        return sending.recentFingerprints().stream().anyMatch(sending.fingerprint()::sameOrSimilar)
                ? new Decision.Block(ReasonCode.DUPLICATE_CONTENT)
                : Decision.allow();
    }
}
