package clipcast.contacts;

import clipcast.TimeOrderedIds;
import clipcast.consent.Channel;
import clipcast.consent.ConsentMethod;
import clipcast.consent.Consents;
import clipcast.consent.Evidence;
import clipcast.consent.SuppressionReason;
import clipcast.contacts.domain.AgeBand;
import clipcast.contacts.domain.ContactFields;
import clipcast.contacts.domain.ContactRules;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hosted subscription forms with double opt-in. A submission stores the contact (without consent) and the
 * evidence of the submission, and sends a confirmation link; the consent is recorded only when the person
 * confirms, before the link expires. A new submission never touches consent already confirmed.
 */
@Service
public class Forms {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FormRepository forms;
    private final Contacts contacts;
    private final ContactRepository contactRows;
    private final Consents consents;
    private final ConfirmationSender sender;
    private final MessageSource messages;
    private final Clock clock;
    private final Duration confirmationTtl;
    private final TransactionTemplate transactions;
    private final String publicUrl;

    Forms(
            FormRepository forms,
            Contacts contacts,
            ContactRepository contactRows,
            Consents consents,
            ConfirmationSender sender,
            MessageSource messages,
            Clock clock,
            TransactionTemplate transactions,
            @Value("${clipcast.forms.confirmation-ttl:48h}") Duration confirmationTtl,
            @Value("${clipcast.public-url}") String publicUrl) {
        this.forms = forms;
        this.contacts = contacts;
        this.contactRows = contactRows;
        this.consents = consents;
        this.sender = sender;
        this.messages = messages;
        this.clock = clock;
        this.transactions = transactions;
        this.confirmationTtl = confirmationTtl;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    @Transactional
    public SubscribeForm create(String name, String purpose, List<String> fields, String consentText) {
        var tenant = TenantScope.requireTenant();
        var id = TimeOrderedIds.next(clock);
        forms.insert(tenant, id, name, purpose, fields, consentText);
        return forms.find(tenant, id).orElseThrow();
    }

    /** A new version of the consent text; earlier versions stay, so earlier consents keep their exact text. */
    @Transactional
    public Optional<SubscribeForm> changeConsentText(UUID id, String consentText) {
        var tenant = TenantScope.requireTenant();
        if (forms.find(tenant, id).isEmpty()) {
            return Optional.empty();
        }
        forms.newVersion(tenant, id, consentText);
        return forms.find(tenant, id);
    }

    public Optional<SubscribeForm> find(UUID id) {
        return forms.find(TenantScope.requireTenant(), id);
    }

    public String url(UUID id) {
        return publicUrl + "/f/" + id;
    }

    /** The tenant of a public form, asked without any tenant scope. */
    public Optional<TenantId> tenantOf(UUID formId) {
        return TenantScope.callAsPlatform(() -> forms.tenantOf(formId));
    }

    /** What a person sent through a form, with where from. */
    public record Submission(
            Map<String, String> values,
            boolean consentTicked,
            int shownVersion,
            String honeypot,
            String ip,
            String userAgent,
            String sourceUrl) {}

    /** The outcome of a submission: a confirmation is on its way (or seems to be), or fields to correct. */
    public sealed interface Submitted {
        record ConfirmationSent() implements Submitted {}

        record Invalid(Map<String, String> problems) implements Submitted {}
    }

    @Transactional
    public Submitted submit(SubscribeForm form, Submission submission) {
        if (submission.honeypot() != null && !submission.honeypot().isBlank()) {
            // A bot filled the field people never see: it is told what a person is told, and nothing is stored.
            return new Submitted.ConfirmationSent();
        }
        var values = submission.values();
        LocalDate birthDate = null;
        var problems = new LinkedHashMap<String, String>();
        if (values.get("birthDate") != null && !values.get("birthDate").isBlank()) {
            try {
                birthDate = LocalDate.parse(values.get("birthDate").strip());
            } catch (java.time.format.DateTimeParseException e) {
                problems.put("birthDate", "INVALID_BIRTH_DATE");
            }
        }
        if (values.get("email") == null || values.get("email").isBlank()) {
            problems.put("email", "REQUIRED");
        }
        if (!submission.consentTicked()) {
            problems.put("consent", "CONSENT_NOT_GIVEN");
        }
        var fields = new ContactFields(
                values.get("email"),
                values.get("phone"),
                values.get("firstName"),
                values.get("lastName"),
                values.get("country"),
                values.get("language"),
                null,
                birthDate,
                Map.of(),
                List.of());
        var normalised = ContactRules.normalise(fields, LocalDate.now(clock));
        if (normalised instanceof ContactRules.Invalid(var found)) {
            found.forEach(problem -> problems.putIfAbsent(problem.field(), problem.code()));
        } else if (normalised instanceof ContactRules.Valid(var valid) && valid.age() == AgeBand.UNDER_16) {
            problems.put("birthDate", "UNDER_16");
        }
        if (!problems.isEmpty()) {
            return new Submitted.Invalid(problems);
        }
        var email = ((ContactRules.Valid) normalised).contact().email().value();
        var reasons = consents.suppressionReasons(Channel.EMAIL, email);
        if (reasons.contains(SuppressionReason.COMPLAINT) || reasons.contains(SuppressionReason.ERASURE)) {
            return new Submitted.ConfirmationSent();
        }
        var saved = contacts.save(fields, List.of());
        if (!(saved instanceof SaveOutcome.Saved(var contact, var created, var ignored))) {
            return new Submitted.Invalid(Map.of("email", "TAKEN"));
        }
        var version = submission.shownVersion() >= 1 && submission.shownVersion() <= form.version()
                ? submission.shownVersion()
                : form.version();
        var tenant = TenantScope.requireTenant();
        var secret = new byte[32];
        RANDOM.nextBytes(secret);
        var now = clock.instant();
        forms.insertPending(
                tenant,
                sha256(secret),
                new FormRepository.Pending(
                        form.id(),
                        version,
                        contact.id(),
                        submission.sourceUrl(),
                        submission.ip(),
                        submission.userAgent(),
                        now,
                        now.plus(confirmationTtl),
                        null));
        var link = publicUrl + "/confirm/" + token(tenant, secret);
        var locale = java.util.Locale.ENGLISH;
        sender.sendConfirmation(
                email,
                messages.getMessage("form.confirmation.subject", new Object[] {form.name()}, locale),
                messages.getMessage("form.confirmation.body", new Object[] {form.name(), link}, locale));
        return new Submitted.ConfirmationSent();
    }

    /** The outcome of following a confirmation link. */
    public enum Confirmation {
        CONFIRMED,
        EXPIRED,
        UNKNOWN
    }

    /** Whether a link is one Clipcast made, and still good; changes nothing. */
    public Confirmation check(String token) {
        return withPending(token, false);
    }

    /** Confirms a subscription: records the consent (double opt-in) with the submission's evidence. */
    public Confirmation confirm(String token) {
        return withPending(token, true);
    }

    private Confirmation withPending(String token, boolean confirm) {
        var decoded = decode(token);
        if (decoded.isEmpty()) {
            return Confirmation.UNKNOWN;
        }
        var tenant = decoded.get().tenant();
        var hash = sha256(decoded.get().secret());
        return TenantScope.call(tenant, () -> transactions.execute(status -> confirmIn(tenant, hash, confirm)));
    }

    private Confirmation confirmIn(TenantId tenant, byte[] hash, boolean confirm) {
        var pending = forms.findPendingForUpdate(tenant, hash);
        if (pending.isEmpty()) {
            return Confirmation.UNKNOWN;
        }
        var found = pending.get();
        if (found.confirmedAt() != null) {
            return Confirmation.CONFIRMED;
        }
        var now = clock.instant();
        if (now.isAfter(found.expiresAt())) {
            return Confirmation.EXPIRED;
        }
        if (!confirm) {
            return Confirmation.CONFIRMED;
        }
        var contact = contactRows.findById(tenant, found.contactId());
        var form = forms.find(tenant, found.formId());
        if (contact.isEmpty() || contact.get().email() == null || form.isEmpty()) {
            return Confirmation.UNKNOWN;
        }
        var text = forms.consentText(tenant, found.formId(), found.version()).orElseThrow();
        consents.recordConfirmed(
                found.contactId(),
                Channel.EMAIL,
                contact.get().email(),
                form.get().purpose(),
                ConsentMethod.DOUBLE_OPT_IN,
                new Evidence(
                        text,
                        String.valueOf(found.version()),
                        found.sourceUrl(),
                        found.ip(),
                        found.userAgent(),
                        found.collectedAt()),
                now);
        forms.markConfirmed(tenant, hash, now);
        return Confirmation.CONFIRMED;
    }

    private record Decoded(TenantId tenant, byte[] secret) {}

    private static String token(TenantId tenant, byte[] secret) {
        var bytes = ByteBuffer.allocate(48)
                .putLong(tenant.value().getMostSignificantBits())
                .putLong(tenant.value().getLeastSignificantBits())
                .put(secret)
                .array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Optional<Decoded> decode(String token) {
        if (token == null || token.length() != 64) {
            return Optional.empty();
        }
        try {
            var bytes = Base64.getUrlDecoder().decode(token);
            var buffer = ByteBuffer.wrap(bytes);
            var tenant = new TenantId(new UUID(buffer.getLong(), buffer.getLong()));
            return Optional.of(new Decoded(tenant, Arrays.copyOfRange(bytes, 16, 48)));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(byte[] secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
