package clipcast.consent;

import java.time.Instant;
import java.util.UUID;

/** One row of the ledger: never changed once written. */
public record ConsentEntry(
        UUID id,
        UUID contactId,
        Channel channel,
        String purpose,
        ConsentStatus status,
        ConsentMethod method,
        Evidence evidence,
        Instant confirmedAt,
        UUID importId,
        String importFileSha256,
        Long importRow,
        Instant recordedAt) {}
