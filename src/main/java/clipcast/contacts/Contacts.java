package clipcast.contacts;

import clipcast.TimeOrderedIds;
import clipcast.consent.Channel;
import clipcast.consent.ConsentEntry;
import clipcast.consent.ConsentInput;
import clipcast.consent.ConsentStatus;
import clipcast.consent.Consents;
import clipcast.contacts.SaveOutcome.Problem;
import clipcast.contacts.SaveOutcome.Refused;
import clipcast.contacts.SaveOutcome.Saved;
import clipcast.contacts.domain.ContactFields;
import clipcast.contacts.domain.ContactRules;
import clipcast.contacts.domain.NormalisedContact;
import clipcast.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contacts module's API. A contact is found by its normalised email or phone: saving one that exists merges
 * into it. Its consents go to the ledger of {@link Consents} in the same transaction, so a refused consent leaves
 * no contact behind either.
 */
@Service
public class Contacts {

    private final ContactRepository contacts;
    private final Consents consents;
    private final List<PersonalDataHolder> otherHolders;
    private final Clock clock;

    Contacts(ContactRepository contacts, Consents consents, List<PersonalDataHolder> otherHolders, Clock clock) {
        this.contacts = contacts;
        this.consents = consents;
        this.otherHolders = List.copyOf(otherHolders);
        this.clock = clock;
    }

    /** Saves a contact given by another module; see {@link #save(ContactFields, List)}. */
    @Transactional
    public SaveOutcome save(ContactDetails details, List<ConsentInput> consentInputs) {
        return save(details.fields(), consentInputs);
    }

    @Transactional
    SaveOutcome save(ContactFields fields, List<ConsentInput> consentInputs) {
        var tenant = TenantScope.requireTenant();
        var inputs = consentInputs == null ? List.<ConsentInput>of() : consentInputs;
        var normalised = ContactRules.normalise(fields, LocalDate.now(clock));
        var problems = new ArrayList<Problem>();
        if (normalised instanceof ContactRules.Invalid(var found)) {
            found.forEach(problem -> problems.add(new Problem(problem.field(), problem.code())));
            if (found.stream().anyMatch(problem -> problem.code().equals("UNDER_13"))) {
                return new Refused("UNDERAGE", List.of(new Problem("birthDate", "UNDER_13")));
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            consents.check(inputs.get(i), "consents[" + i + "].")
                    .forEach(issue -> problems.add(new Problem(issue.field(), issue.code())));
        }
        if (!problems.isEmpty()) {
            return new Refused("VALIDATION_FAILED", problems);
        }
        var contact = ((ContactRules.Valid) normalised).contact();
        var refusal = consentRefusal(contact, inputs);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        var byEmail = contact.email() == null
                ? Optional.<Contact>empty()
                : contacts.findByEmail(tenant, contact.email().value());
        var byPhone = contact.phone() == null
                ? Optional.<Contact>empty()
                : contacts.findByPhone(tenant, contact.phone().e164());
        if (byEmail.isPresent()
                && byPhone.isPresent()
                && !byEmail.get().id().equals(byPhone.get().id())) {
            return new Refused(
                    "CONTACT_CONFLICT", List.of(new Problem("email", "TAKEN"), new Problem("phone", "TAKEN")));
        }
        var existing = byEmail.or(() -> byPhone);
        var now = clock.instant();
        UUID id;
        if (existing.isPresent()) {
            id = existing.get().id();
            contacts.merge(tenant, id, contact, now);
        } else {
            id = TimeOrderedIds.next(clock);
            contacts.insert(tenant, id, contact, now);
        }
        contacts.addLists(tenant, id, contact.lists());
        var recorded = new ArrayList<ConsentEntry>();
        for (var input : inputs) {
            recorded.add(consents.record(id, input));
        }
        return new Saved(contacts.findById(tenant, id).orElseThrow(), existing.isEmpty(), recorded);
    }

    /** Refuses grants an address cannot take: no address for the channel, a person under 16, a suppression. */
    private Optional<Refused> consentRefusal(NormalisedContact contact, List<ConsentInput> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            var input = inputs.get(i);
            if (input.status() != ConsentStatus.GRANTED) {
                continue;
            }
            var field = "consents[" + i + "]";
            var address = address(contact, input.channel());
            if (address.isEmpty()) {
                return Optional.of(new Refused(
                        "VALIDATION_FAILED", List.of(new Problem(field + ".channel", "NO_ADDRESS_FOR_CHANNEL"))));
            }
            if (!contact.age().mayGiveMarketingConsent()) {
                return Optional.of(new Refused("CONSENT_UNDERAGE", List.of(new Problem(field, "UNDER_16"))));
            }
            if (consents.isSuppressed(input.channel(), address.get())) {
                return Optional.of(new Refused(
                        "ADDRESS_SUPPRESSED",
                        List.of(new Problem(input.channel() == Channel.EMAIL ? "email" : "phone", "SUPPRESSED"))));
            }
        }
        return Optional.empty();
    }

    /** Records a consent for an existing contact, with the same refusals as {@link #save}. */
    @Transactional
    public Optional<SaveOutcome> recordConsent(UUID contactId, ConsentInput input) {
        var tenant = TenantScope.requireTenant();
        var contact = contacts.findById(tenant, contactId);
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        var issues = consents.check(input, "");
        if (!issues.isEmpty()) {
            return Optional.of(new Refused(
                    "VALIDATION_FAILED",
                    issues.stream()
                            .map(issue -> new Problem(issue.field(), issue.code()))
                            .toList()));
        }
        var existing = contact.get();
        var normalised = ContactRules.normalise(fieldsOf(existing), LocalDate.now(clock));
        if (normalised instanceof ContactRules.Valid(var valid)) {
            var refusal = consentRefusal(valid, List.of(input));
            if (refusal.isPresent()) {
                var refused = refusal.get();
                return Optional.of(new Refused(
                        refused.code(),
                        refused.problems().stream()
                                .map(p -> new Problem(p.field().replace("consents[0]", "body"), p.code()))
                                .toList()));
            }
        }
        return Optional.of(new Saved(existing, false, List.of(consents.record(contactId, input))));
    }

    public Optional<Contact> find(UUID id) {
        return contacts.findById(TenantScope.requireTenant(), id);
    }

    /** Contacts with this email and/or phone (normalised first; an unparseable value finds nothing). */
    public List<Contact> lookup(String email, String phone, String country) {
        var tenant = TenantScope.requireTenant();
        var found = new LinkedHashMap<UUID, Contact>();
        if (email != null) {
            clipcast.contacts.domain.EmailAddress.parse(email)
                    .flatMap(address -> contacts.findByEmail(tenant, address.value()))
                    .ifPresent(contact -> found.put(contact.id(), contact));
        }
        if (phone != null) {
            clipcast.contacts.domain.PhoneNumber.parse(phone, country)
                    .flatMap(number -> contacts.findByPhone(tenant, number.e164()))
                    .ifPresent(contact -> found.put(contact.id(), contact));
        }
        return found.values().stream()
                .filter(c -> c.email() != null || c.phone() != null)
                .toList();
    }

    public List<Contact> page(UUID after, int limit) {
        return contacts.page(TenantScope.requireTenant(), after == null ? new UUID(0, 0) : after, limit);
    }

    /** Everything Clipcast holds about a contact, for a data-subject access request. */
    public Optional<Map<String, Object>> export(UUID id) {
        return find(id).map(contact -> {
            var export = new LinkedHashMap<String, Object>();
            export.put("contact", contact);
            export.put("consents", consents.history(id));
            export.put("currentConsents", consents.current(id));
            var suppression = new LinkedHashMap<String, Object>();
            if (contact.email() != null) {
                suppression.put("email", consents.suppressionReasons(Channel.EMAIL, contact.email()));
            }
            if (contact.phone() != null) {
                suppression.put("phone", consents.suppressionReasons(Channel.SMS, contact.phone()));
            }
            export.put("suppression", suppression);
            otherHolders.forEach(holder -> export.put(holder.exportName(), holder.export(id)));
            export.put("exportedAt", clock.instant());
            return export;
        });
    }

    /**
     * Erases a contact: personal data removed, the ledger with it, what other modules hold about the contact (push
     * subscriptions), and its addresses kept only as platform-wide hashes so nobody on the platform messages the
     * person again.
     */
    @Transactional
    public boolean erase(UUID id) {
        var tenant = TenantScope.requireTenant();
        var contact = contacts.findById(tenant, id);
        if (contact.isEmpty()) {
            return false;
        }
        var addresses = new LinkedHashMap<Channel, String>();
        if (contact.get().email() != null) {
            addresses.put(Channel.EMAIL, contact.get().email());
        }
        if (contact.get().phone() != null) {
            addresses.put(Channel.SMS, contact.get().phone());
        }
        consents.erase(id, addresses);
        otherHolders.forEach(holder -> holder.erase(id, List.copyOf(addresses.values())));
        contacts.erase(tenant, id, clock.instant());
        return true;
    }

    List<UUID> idsWithPhone(String e164) {
        return contacts.idsWithPhone(TenantScope.requireTenant(), e164);
    }

    static Optional<String> address(NormalisedContact contact, Channel channel) {
        return switch (channel) {
            case EMAIL -> Optional.ofNullable(contact.email()).map(Object::toString);
            case SMS -> Optional.ofNullable(contact.phone()).map(Object::toString);
            case PUSH -> Optional.empty();
        };
    }

    static ContactFields fieldsOf(Contact contact) {
        return new ContactFields(
                contact.email(),
                contact.phone(),
                contact.firstName(),
                contact.lastName(),
                contact.country(),
                contact.language(),
                contact.timeZone(),
                contact.birthDate(),
                Map.of(),
                List.of());
    }
}
