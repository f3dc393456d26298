package clipcast.compliance.domain;

/** Outside the recipient's local sending window the message waits until the window opens (deferred, not dropped). */
public final class QuietHoursPolicy implements Policy {

    private final QuietHours quietHours;

    public QuietHoursPolicy(QuietHours quietHours) {
        this.quietHours = quietHours;
    }

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        return quietHours.decide(recipient.country(), recipient.channel(), recipient.zone(), sending.now());
    }
}
