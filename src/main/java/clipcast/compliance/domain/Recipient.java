package clipcast.compliance.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What the policies know of one recipient for one message: facts gathered from the contact, the consent ledger,
 * the suppression lists and the registries (set-based, by the campaign's audience query).
 *
 * @param channel EMAIL, SMS or PUSH
 * @param consent the current consent for this channel and the campaign's purpose, derived from the ledger
 * @param suppressed on a suppression list of the tenant or the platform (unsubscribe, complaint, bounce, erasure)
 * @param onDoNotCallRegistry the number is on an imported do-not-call / do-not-disturb registry
 * @param restricted the person asked to restrict processing
 * @param objected the person objected to processing
 * @param addressValid the address for this channel is present and well-formed
 * @param birthDate when known
 * @param country ISO country for quiet hours, may be null
 * @param zone the recipient's time zone
 */
public record Recipient(
        String channel,
        ConsentState consent,
        boolean suppressed,
        boolean onDoNotCallRegistry,
        boolean restricted,
        boolean objected,
        boolean addressValid,
        LocalDate birthDate,
        String country,
        ZoneId zone) {

    public enum ConsentState {
        NONE,
        GRANTED,
        WITHDRAWN
    }

    public Recipient {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(zone, "zone");
    }
}
