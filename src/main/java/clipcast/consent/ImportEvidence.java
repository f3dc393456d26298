package clipcast.consent;

import java.time.Instant;
import java.util.UUID;

/** The attestation of an import: the evidence every consent recorded from its rows carries. */
public record ImportEvidence(
        UUID importId,
        String fileSha256,
        Channel channel,
        String purpose,
        ConsentMethod method,
        String consentText,
        String sourceDescription,
        Instant collectedAt) {}
