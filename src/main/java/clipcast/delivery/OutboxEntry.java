package clipcast.delivery;

import clipcast.consent.Channel;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message a campaign launch puts in the outbox. (campaign, contact) is its idempotency key: enqueueing it twice
 * keeps one row.
 *
 * @param address the normalised email, the E.164 number, or the contact id for push
 * @param held true while a staged release keeps it back; false to make it claimable from {@code notBefore}
 * @param fingerprint the exact hash of the message's normalised content
 * @param simhash the similarity hash of the same, for near-duplicates
 */
public record OutboxEntry(
        UUID campaignId,
        UUID contactId,
        Channel channel,
        String purpose,
        String address,
        String country,
        String timeZone,
        String couponCode,
        long fingerprint,
        long simhash,
        boolean held,
        Instant notBefore) {

    public OutboxEntry {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(notBefore, "notBefore");
    }
}
