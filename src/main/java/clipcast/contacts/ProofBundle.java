package clipcast.contacts;

import clipcast.consent.ConsentEntry;
import clipcast.consent.CurrentConsent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who consented to what, when, how and with which text: for one contact, an import or an audience. What an
 * operator's opt-in proof request or a regulator is answered with.
 */
public record ProofBundle(
        String subject, Instant generatedAt, ImportJob importJob, List<ContactProof> contacts, boolean truncated) {

    public record ContactProof(
            UUID contactId, String email, String phone, List<CurrentConsent> current, List<ConsentEntry> ledger) {}
}
