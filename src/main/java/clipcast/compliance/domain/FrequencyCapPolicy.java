package clipcast.compliance.domain;

/** No more than the cap of messages per recipient per channel within the cap window. */
public final class FrequencyCapPolicy implements Policy {

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        return sending.sentInCapWindow() >= sending.frequencyCap()
                ? new Decision.Block(ReasonCode.FREQUENCY_CAP)
                : Decision.allow();
    }
}
