package clipcast.consent.domain;

import clipcast.consent.ConsentEntry;
import clipcast.consent.CurrentConsent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** The current consents of a contact: for each channel and purpose, whatever its latest ledger entry says. */
public final class ConsentState {

    private ConsentState() {}

    /** @param ledger the contact's entries, oldest first */
    public static List<CurrentConsent> derive(List<ConsentEntry> ledger) {
        var latest = new LinkedHashMap<String, ConsentEntry>();
        for (var entry : ledger) {
            latest.put(entry.channel() + "/" + entry.purpose(), entry);
        }
        var current = new ArrayList<CurrentConsent>();
        for (var entry : latest.values()) {
            current.add(new CurrentConsent(
                    entry.channel(), entry.purpose(), entry.status(), entry.method(), entry.recordedAt()));
        }
        return current;
    }
}
