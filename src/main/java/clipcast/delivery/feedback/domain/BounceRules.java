package clipcast.delivery.feedback.domain;

import java.util.Set;

/**
 * What a recipient's delivery status means. A permanent failure (class 5) is a hard bounce, except for the conditions
 * RFC 3463 calls persistent transient (a full mailbox above all): those, delays and class 4 failures are soft. A
 * success, or a report that gives no status at all, asks for nothing.
 */
public final class BounceRules {

    private static final Set<String> NOT_FAILED = Set.of("delivered", "relayed", "expanded");

    private BounceRules() {}

    public static Verdict judge(RecipientStatus recipient) {
        if (NOT_FAILED.contains(recipient.action())) {
            return new Verdict.NoAction("NOT_A_FAILURE");
        }
        var status = recipient.status();
        if (status == null) {
            return new Verdict.NoAction("NO_STATUS");
        }
        if (status.statusClass() == 2) {
            return new Verdict.NoAction("NOT_A_FAILURE");
        }
        if (!status.permanent() || "delayed".equals(recipient.action()) || status.persistentTransient()) {
            return new Verdict.SoftBounce(status);
        }
        return new Verdict.HardBounce(status);
    }
}
