package clipcast.contacts;

import clipcast.consent.Channel;
import clipcast.consent.ConsentMethod;
import java.time.Instant;

/**
 * What the importer attests about the file: on which channel and for which purpose the people consented, how
 * (the collection method) and when, the consent text they saw, where the list comes from, and that it was not
 * bought, rented or scraped.
 */
public record ImportAttestation(
        Channel channel,
        String purpose,
        ConsentMethod consentMethod,
        String consentText,
        String sourceDescription,
        Instant collectedAt,
        boolean notPurchased,
        String defaultCountry) {}
