package clipcast.contacts;

import clipcast.consent.ConsentEntry;
import java.util.List;

/** What saving a contact came to: saved (new or merged into the existing one), or refused with a reason. */
public sealed interface SaveOutcome {

    record Saved(Contact contact, boolean created, List<ConsentEntry> consents) implements SaveOutcome {}

    /**
     * @param code {@code VALIDATION_FAILED}, {@code UNDERAGE} (under 13), {@code CONSENT_UNDERAGE} (under 16),
     *     {@code ADDRESS_SUPPRESSED}, {@code CONTACT_CONFLICT} (email and phone belong to two contacts)
     */
    record Refused(String code, List<Problem> problems) implements SaveOutcome {}

    /** A field and a machine code. */
    record Problem(String field, String code) {}
}
