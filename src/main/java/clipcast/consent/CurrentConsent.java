package clipcast.consent;

import java.time.Instant;

/** The state of one channel and purpose for a contact, as its latest ledger entry says. */
public record CurrentConsent(
        Channel channel, String purpose, ConsentStatus status, ConsentMethod method, Instant since) {

    public boolean granted() {
        return status == ConsentStatus.GRANTED;
    }
}
