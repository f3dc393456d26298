package clipcast.campaigns;

import clipcast.TimeOrderedIds;
import clipcast.campaigns.domain.SenderRules;
import clipcast.contacts.ConfirmationSender;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import clipcast.web.FieldIssue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who a tenant sends as: email From addresses, verified by a link sent to them; SMS sender ids, refused when they
 * imitate a protected brand or are a number the tenant does not own; and the sender profile of the footer.
 */
@Service
public class Senders {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SenderRepository repository;
    private final ConfirmationSender confirmations;
    private final CampaignsProperties properties;
    private final MessageSource messages;
    private final Clock clock;
    private final String publicUrl;
    private final Set<String> protectedBrands;

    Senders(
            SenderRepository repository,
            ConfirmationSender confirmations,
            CampaignsProperties properties,
            MessageSource messages,
            Clock clock,
            @Value("${clipcast.public-url}") String publicUrl) {
        this.repository = repository;
        this.confirmations = confirmations;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.protectedBrands = loadBrands();
    }

    /** What became of a request to add a sender. */
    public sealed interface Added {
        record Created(Sender sender) implements Added {}

        record Invalid(List<FieldIssue> issues) implements Added {}

        record Refused(String code, String field) implements Added {}

        record Exists() implements Added {}
    }

    @Transactional
    public Added add(String kind, String address, String displayName) {
        var tenant = TenantScope.requireTenant();
        var issues = new ArrayList<FieldIssue>();
        if (kind == null || !(kind.equals("EMAIL") || kind.equals("SMS"))) {
            issues.add(new FieldIssue("kind", "INVALID_KIND", "kind must be EMAIL or SMS"));
        }
        if (address == null || address.isBlank()) {
            issues.add(new FieldIssue("address", "REQUIRED", "address is required"));
        }
        if (displayName != null && displayName.length() > 100) {
            issues.add(new FieldIssue("displayName", "TOO_LONG", "displayName is longer than 100 characters"));
        }
        if (!issues.isEmpty()) {
            return new Added.Invalid(issues);
        }
        var now = clock.instant();
        var value = address.strip();
        if (kind.equals("EMAIL")) {
            if (!SenderRules.validEmail(value)) {
                return new Added.Invalid(
                        List.of(new FieldIssue("address", "INVALID_EMAIL", "address is not an email address")));
            }
            value = value.substring(0, value.lastIndexOf('@') + 1)
                    + value.substring(value.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            var secret = new byte[32];
            RANDOM.nextBytes(secret);
            var created = repository.insert(
                    tenant,
                    TimeOrderedIds.next(clock),
                    kind,
                    value,
                    displayName,
                    false,
                    sha256(secret),
                    now.plus(properties.senderTokenValidity()),
                    now);
            if (created.isEmpty()) {
                return new Added.Exists();
            }
            var link = publicUrl + "/senders/confirm/" + token(tenant, secret);
            confirmations.sendConfirmation(
                    value,
                    messages.getMessage("sender.confirmation.subject", null, Locale.ENGLISH),
                    messages.getMessage("sender.confirmation.body", new Object[] {value, link}, Locale.ENGLISH));
            return new Added.Created(created.get());
        }
        if (!SenderRules.validSmsSender(value)) {
            return new Added.Invalid(List.of(new FieldIssue(
                    "address",
                    "INVALID_SENDER_ID",
                    "an SMS sender is 1 to 11 letters and digits with at least one letter, or an E.164 number")));
        }
        if (SenderRules.isNumber(value)) {
            if (!repository.ownsNumber(tenant, value)) {
                return new Added.Refused("NUMBER_NOT_OWNED", "address");
            }
        } else {
            var own = repository.profile(tenant).map(p -> Set.of(p.legalName())).orElse(Set.of());
            if (SenderRules.imitatedBrand(value, protectedBrands, own) != null) {
                return new Added.Refused("SENDER_IMITATES_BRAND", "address");
            }
        }
        return repository
                .insert(tenant, TimeOrderedIds.next(clock), kind, value, displayName, true, null, null, now)
                .<Added>map(Added.Created::new)
                .orElseGet(Added.Exists::new);
    }

    /**
     * Adds an email sender the operator vouches for, verified at once (the demo tenant's, or one whose mailbox the
     * operator checked by other means); empty when the tenant has it already.
     */
    @Transactional
    public Optional<Sender> addVerifiedByOperator(String emailAddress, String displayName) {
        if (!SenderRules.validEmail(emailAddress)) {
            throw new IllegalArgumentException("Not an email address");
        }
        return repository.insert(
                TenantScope.requireTenant(),
                TimeOrderedIds.next(clock),
                "EMAIL",
                emailAddress,
                displayName,
                true,
                null,
                null,
                clock.instant());
    }

    public Optional<Sender> find(UUID id) {
        return repository.find(TenantScope.requireTenant(), id);
    }

    public List<Sender> list() {
        return repository.list(TenantScope.requireTenant());
    }

    /** What a confirmation link's page shows, and whether pressing its button confirmed. */
    public enum Confirmation {
        ASK,
        CONFIRMED,
        EXPIRED,
        UNKNOWN
    }

    public Confirmation confirm(String token, boolean apply) {
        var decoded = decode(token);
        if (decoded == null) {
            return Confirmation.UNKNOWN;
        }
        return TenantScope.call(decoded.tenant(), () -> {
            var pending = repository.pending(decoded.tenant(), sha256(decoded.secret()));
            if (pending.isEmpty()) {
                return Confirmation.UNKNOWN;
            }
            if (!clock.instant().isBefore(pending.get().expires())) {
                return Confirmation.EXPIRED;
            }
            if (!apply) {
                return Confirmation.ASK;
            }
            return repository.verify(decoded.tenant(), pending.get().id(), clock.instant())
                    ? Confirmation.CONFIRMED
                    : Confirmation.UNKNOWN;
        });
    }

    public Optional<SenderProfile> profile() {
        return repository.profile(TenantScope.requireTenant());
    }

    /** Checks and saves the profile; the issues when it is refused. */
    @Transactional
    public List<FieldIssue> saveProfile(SenderProfile profile) {
        var issues = new ArrayList<FieldIssue>();
        required(issues, "legalName", profile.legalName(), 200);
        required(issues, "postalAddress", profile.postalAddress(), 500);
        required(issues, "contactEmail", profile.contactEmail(), 254);
        if (profile.contactEmail() != null
                && !SenderRules.validEmail(profile.contactEmail().strip())) {
            issues.add(new FieldIssue("contactEmail", "INVALID_EMAIL", "contactEmail is not an email address"));
        }
        cap(issues, "emailCap", profile.emailCap(), properties.maxCap("EMAIL"));
        cap(issues, "smsCap", profile.smsCap(), properties.maxCap("SMS"));
        cap(issues, "pushCap", profile.pushCap(), properties.maxCap("PUSH"));
        if (issues.isEmpty()) {
            repository.saveProfile(
                    TenantScope.requireTenant(),
                    new SenderProfile(
                            profile.legalName().strip(),
                            profile.postalAddress().strip(),
                            profile.contactEmail().strip(),
                            profile.emailCap(),
                            profile.smsCap(),
                            profile.pushCap()),
                    clock.instant());
        }
        return issues;
    }

    int cap(String channel) {
        var own = profile().map(p -> p.cap(channel)).orElse(null);
        var max = properties.maxCap(channel);
        return own == null ? max : Math.min(own, max);
    }

    private static void required(List<FieldIssue> issues, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            issues.add(new FieldIssue(field, "REQUIRED", field + " is required"));
        } else if (value.length() > max) {
            issues.add(new FieldIssue(field, "TOO_LONG", field + " is longer than " + max + " characters"));
        }
    }

    private static void cap(List<FieldIssue> issues, String field, Integer value, int max) {
        if (value != null && (value < 1 || value > max)) {
            issues.add(new FieldIssue(field, "OUT_OF_RANGE", field + " must be between 1 and " + max));
        }
    }

    private static String token(TenantId tenant, byte[] secret) {
        var buffer = ByteBuffer.allocate(48);
        buffer.putLong(tenant.value().getMostSignificantBits());
        buffer.putLong(tenant.value().getLeastSignificantBits());
        buffer.put(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    private record Decoded(TenantId tenant, byte[] secret) {}

    private static Decoded decode(String token) {
        if (token == null || token.length() != 64) {
            return null;
        }
        try {
            var buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
            var tenant = new TenantId(new UUID(buffer.getLong(), buffer.getLong()));
            var secret = new byte[32];
            buffer.get(secret);
            return new Decoded(tenant, secret);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> loadBrands() {
        try (var in = new ClassPathResource("campaigns/protected-brands.txt").getInputStream()) {
            var brands = new LinkedHashSet<String>();
            for (var line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                var brand = line.strip();
                if (!brand.isEmpty() && !brand.startsWith("#")) {
                    brands.add(brand);
                }
            }
            return Set.copyOf(brands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
