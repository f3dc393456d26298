package clipcast.contacts;

import clipcast.consent.ConsentEntry;
import clipcast.consent.Consents;
import clipcast.tenancy.TenantScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Builds consent-proof bundles from the ledger. Large subjects are cut at {@link #MAX_CONTACTS} contacts. */
@Service
public class ProofBundles {

    public static final int MAX_CONTACTS = 1_000;

    private final Contacts contacts;
    private final Imports imports;
    private final Consents consents;
    private final ContactRepository contactRows;
    private final Clock clock;

    ProofBundles(Contacts contacts, Imports imports, Consents consents, ContactRepository contactRows, Clock clock) {
        this.contacts = contacts;
        this.imports = imports;
        this.consents = consents;
        this.contactRows = contactRows;
        this.clock = clock;
    }

    public Optional<ProofBundle> forContact(UUID id) {
        return contacts.find(id)
                .map(contact -> new ProofBundle(
                        "contact " + id, clock.instant(), null, List.of(proof(contact, consents.history(id))), false));
    }

    public Optional<ProofBundle> forImport(UUID id) {
        return imports.find(id).map(job -> {
            var byContact = new LinkedHashMap<UUID, List<ConsentEntry>>();
            for (var entry : consents.historyOfImport(id)) {
                if (byContact.size() >= MAX_CONTACTS && !byContact.containsKey(entry.contactId())) {
                    break;
                }
                byContact
                        .computeIfAbsent(entry.contactId(), key -> new ArrayList<>())
                        .add(entry);
            }
            var proofs = new ArrayList<ProofBundle.ContactProof>();
            byContact.forEach((contactId, entries) ->
                    contacts.find(contactId).ifPresent(contact -> proofs.add(proof(contact, entries))));
            return new ProofBundle("import " + id, clock.instant(), job, proofs, job.rowsImported() > proofs.size());
        });
    }

    /** An audience: the given contacts and the members of the given list, as many as {@link #MAX_CONTACTS}. */
    public ProofBundle forAudience(List<UUID> contactIds, String list) {
        var ids = new ArrayList<UUID>(contactIds == null ? List.of() : contactIds);
        if (list != null && !list.isBlank()) {
            ids.addAll(contactRows.idsInList(TenantScope.requireTenant(), list.strip(), MAX_CONTACTS + 1));
        }
        var distinct = ids.stream().distinct().toList();
        var proofs = new ArrayList<ProofBundle.ContactProof>();
        for (var id : distinct.subList(0, Math.min(distinct.size(), MAX_CONTACTS))) {
            contacts.find(id).ifPresent(contact -> proofs.add(proof(contact, consents.history(id))));
        }
        return new ProofBundle(
                "audience" + (list == null || list.isBlank() ? "" : " list " + list.strip()),
                clock.instant(),
                null,
                proofs,
                distinct.size() > MAX_CONTACTS);
    }

    private ProofBundle.ContactProof proof(Contact contact, List<ConsentEntry> entries) {
        return new ProofBundle.ContactProof(
                contact.id(), contact.email(), contact.phone(), consents.current(contact.id()), entries);
    }
}
