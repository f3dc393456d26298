package clipcast.consent;

import clipcast.TimeOrderedIds;
import clipcast.consent.domain.AddressHasher;
import clipcast.consent.domain.ConsentRules;
import clipcast.consent.domain.ConsentState;
import clipcast.consent.domain.UnsubscribeToken;
import clipcast.tenancy.TenantScope;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consent module's API: the append-only ledger (current state derived from it), suppression (per tenant and
 * platform-wide, kept as keyed hashes) and the signed tokens of preference pages. Every method works in the
 * current tenant scope; suppression beats consent wherever both are asked.
 */
@Service
public class Consents {

    private static final Pattern STAGE_TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final ConsentRepository ledger;
    private final SuppressionRepository suppressions;
    private final PlatformSecrets secrets;
    private final Clock clock;

    Consents(ConsentRepository ledger, SuppressionRepository suppressions, PlatformSecrets secrets, Clock clock) {
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Everything wrong with a consent a caller submits; fields named below {@code prefix}. */
    public List<Issue> check(ConsentInput input, String prefix) {
        return ConsentRules.check(input, prefix);
    }

    /** Appends a checked consent to the ledger. An input that {@link #check} refuses is a bug of the caller. */
    @Transactional
    public ConsentEntry record(UUID contactId, ConsentInput input) {
        var issues = check(input, "");
        if (!issues.isEmpty()) {
            throw new IllegalArgumentException("Unchecked consent input: " + issues);
        }
        var evidence = input.evidence();
        var collected = evidence.collectedAt() == null ? clock.instant() : evidence.collectedAt();
        var ip = evidence.ip() == null || evidence.ip().isBlank()
                ? null
                : evidence.ip().strip();
        return append(
                contactId,
                input.channel(),
                ConsentRules.normalisePurpose(input.purpose()),
                input.status(),
                input.method(),
                new Evidence(
                        evidence.text(),
                        evidence.textVersion(),
                        evidence.sourceUrl(),
                        ip,
                        evidence.userAgent(),
                        collected),
                null);
    }

    /** A grant confirmed by the person (double opt-in link, SMS YES); lifts their own earlier unsubscribe. */
    @Transactional
    public ConsentEntry recordConfirmed(
            UUID contactId,
            Channel channel,
            String address,
            String purpose,
            ConsentMethod method,
            Evidence evidence,
            Instant confirmedAt) {
        suppressions.liftUnsubscribe(TenantScope.requireTenant(), channel, hash(channel, address));
        return append(
                contactId,
                channel,
                ConsentRules.normalisePurpose(purpose),
                ConsentStatus.GRANTED,
                method,
                evidence,
                confirmedAt);
    }

    /** Withdraws every granted purpose of a channel, recording how and with which evidence. */
    @Transactional
    public List<ConsentEntry> withdrawAll(UUID contactId, Channel channel, ConsentMethod method, Evidence evidence) {
        var withdrawn = new ArrayList<ConsentEntry>();
        for (var current : current(contactId)) {
            if (current.channel() == channel && current.granted()) {
                withdrawn.add(withdraw(contactId, channel, current.purpose(), method, evidence));
            }
        }
        return withdrawn;
    }

    @Transactional
    public ConsentEntry withdraw(
            UUID contactId, Channel channel, String purpose, ConsentMethod method, Evidence evidence) {
        return append(contactId, channel, purpose, ConsentStatus.WITHDRAWN, method, evidence, null);
    }

    private ConsentEntry append(
            UUID contactId,
            Channel channel,
            String purpose,
            ConsentStatus status,
            ConsentMethod method,
            Evidence evidence,
            Instant confirmedAt) {
        return ledger.append(
                TenantScope.requireTenant(),
                new ConsentRepository.NewEntry(
                        TimeOrderedIds.next(clock),
                        contactId,
                        channel,
                        purpose,
                        status,
                        method,
                        evidence,
                        confirmedAt));
    }

    /** The contact's ledger, oldest first. */
    public List<ConsentEntry> history(UUID contactId) {
        return ledger.history(TenantScope.requireTenant(), contactId);
    }

    /** The ledger entries an import wrote, by row. */
    public List<ConsentEntry> historyOfImport(UUID importId) {
        return ledger.historyOfImport(TenantScope.requireTenant(), importId);
    }

    /** The grant each of these contacts currently holds for the channel and purpose (absent: none). */
    public Map<UUID, ConsentEntry> currentGrants(Channel channel, String purpose, Collection<UUID> contactIds) {
        var grants = new HashMap<UUID, ConsentEntry>();
        if (!contactIds.isEmpty()) {
            ledger.currentGrants(
                            TenantScope.requireTenant(), channel, ConsentRules.normalisePurpose(purpose), contactIds)
                    .forEach(entry -> grants.put(entry.contactId(), entry));
        }
        return grants;
    }

    /** Which of these contacts have a current grant for the channel and purpose: one query per call. */
    public Set<UUID> grantedAmong(Channel channel, String purpose, Collection<UUID> contactIds) {
        if (contactIds.isEmpty()) {
            return Set.of();
        }
        return ledger.grantedAmong(
                TenantScope.requireTenant(), channel, ConsentRules.normalisePurpose(purpose), contactIds);
    }

    /**
     * The keyed address hash as a SQL expression, so that set-based queries can join the suppression lists
     * without the addresses leaving the database: {@code sha256(outer || sha256(inner || 'CHANNEL:' || address))}
     * is HMAC-SHA-256 with the pads of the platform's hashing secret, the same hash {@link #suppress} keeps.
     */
    public AddressHashSql addressHashSql() {
        return AddressHashSql.of(secrets.get("address-hash"));
    }

    /** For each channel and purpose, what the latest entry says. */
    public List<CurrentConsent> current(UUID contactId) {
        return ConsentState.derive(history(contactId));
    }

    /**
     * Records the consents of an import from a staging table of the caller's transaction, set-based. The table
     * must have the columns {@code row_number bigint, contact_id uuid, consent_id uuid, error_field text, error_code
     * text}, {@code consent_id} being the id of the entry a row may give; rows whose contact withdrew this channel and
     * purpose are marked {@code CONSENT_WITHDRAWN} instead (an import does not overrule a withdrawal). One entry per
     * contact, from its first row; rows without a contact id are left out.
     *
     * @return how many ledger entries were written
     */
    @Transactional
    public int recordImported(ImportEvidence evidence, String stageTable) {
        requireIdentifier(stageTable);
        var tenant = TenantScope.requireTenant();
        ledger.rejectWithdrawn(tenant, evidence.channel(), evidence.purpose(), stageTable);
        return ledger.appendImported(tenant, evidence, stageTable);
    }

    /**
     * Records the first consents of contacts that the caller's transaction has just created from an import: one
     * entry for each row of the staging table (columns as for {@link #recordImported}) where the boolean column
     * {@code newContactColumn} is true and that has a contact id and no error. A contact created in this transaction
     * has no earlier entry, so none withdrew and nothing is looked up; each of those rows must name a contact of its
     * own. Costs one insert per row, so an import can call it for every chunk it writes.
     *
     * @return how many ledger entries were written
     */
    @Transactional
    public int recordImportedForNewContacts(ImportEvidence evidence, String stageTable, String newContactColumn) {
        requireIdentifier(stageTable);
        requireIdentifier(newContactColumn);
        return ledger.appendImportedForNewContacts(TenantScope.requireTenant(), evidence, stageTable, newContactColumn);
    }

    /**
     * Records the evidence an import's entries will share, before any entry: for an import written in several
     * transactions ({@code recordImported…} in each), which must all find it. It holds no personal data; it stays
     * if the import then fails, as the record of what was attested.
     */
    @Transactional
    public void recordImportEvidence(ImportEvidence evidence) {
        ledger.insertEvidence(TenantScope.requireTenant(), evidence);
    }

    private static void requireIdentifier(String name) {
        if (!STAGE_TABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a staging table or column name: " + name);
        }
    }

    /**
     * Suppresses an address on a channel: for the current tenant, or for the whole platform when the reason is a
     * complaint or an erasure.
     */
    @Transactional
    public void suppress(Channel channel, String normalisedAddress, SuppressionReason reason, String country) {
        var hash = hash(channel, normalisedAddress);
        if (reason.platformWide()) {
            suppressions.addForPlatform(channel, hash, reason);
        } else {
            suppressions.addForTenant(TenantScope.requireTenant(), channel, hash, reason, country);
        }
    }

    /**
     * Suppresses many addresses for the current tenant in one statement (a do-not-call registry of a country).
     *
     * @return how many were not suppressed before
     */
    @Transactional
    public int suppressAll(
            Channel channel, Collection<String> normalisedAddresses, SuppressionReason reason, String country) {
        if (reason.platformWide()) {
            throw new IllegalArgumentException("Bulk suppression is per tenant");
        }
        var hex = HexFormat.of();
        var hasher = hasher();
        var hashes = normalisedAddresses.stream()
                .map(address -> hex.formatHex(hasher.hash(channel, address)))
                .toList();
        return suppressions.addAllForTenant(TenantScope.requireTenant(), channel, hashes, reason, country);
    }

    /** Lifts the tenant's own unsubscribe of an address, after the person opted in again themselves. */
    public void liftUnsubscribe(Channel channel, String normalisedAddress) {
        suppressions.liftUnsubscribe(TenantScope.requireTenant(), channel, hash(channel, normalisedAddress));
    }

    /** Why this address may not be messaged on this channel (empty: it may, as far as suppression goes). */
    public List<SuppressionReason> suppressionReasons(Channel channel, String normalisedAddress) {
        return suppressions.reasons(TenantScope.requireTenant(), channel, hash(channel, normalisedAddress));
    }

    public boolean isSuppressed(Channel channel, String normalisedAddress) {
        return !suppressionReasons(channel, normalisedAddress).isEmpty();
    }

    /** Which of these normalised addresses are suppressed for the current tenant: one query per call. */
    public Set<String> suppressedAmong(Channel channel, Collection<String> normalisedAddresses) {
        // Hashes go to the database as bytea[]: half the size of hex text, so that an import's batch of 5,000 is
        // not encoded into a buffer large enough to cost a garbage collection.
        var byHash = HashMap.<ByteBuffer, String>newHashMap(normalisedAddresses.size());
        var hasher = hasher();
        for (var address : normalisedAddresses) {
            byHash.put(ByteBuffer.wrap(hasher.hash(channel, address)), address);
        }
        var hashes = byHash.keySet().stream().map(ByteBuffer::array).toArray(byte[][]::new);
        var suppressed = new HashSet<String>();
        for (var hit : suppressions.suppressedAmong(TenantScope.requireTenant(), channel, hashes)) {
            suppressed.add(byHash.get(ByteBuffer.wrap(hit)));
        }
        return suppressed;
    }

    /**
     * Erases what consent holds about a contact (the ledger with its IP addresses and user agents) and keeps its
     * addresses as platform-wide hashes, so that nobody on the platform messages the person again.
     */
    @Transactional
    public void erase(UUID contactId, Map<Channel, String> addresses) {
        ledger.erase(TenantScope.requireTenant(), contactId);
        addresses.forEach((channel, address) -> suppress(channel, address, SuppressionReason.ERASURE, null));
    }

    /** The token of the contact's preference page ({@code /u/{token}}) for a channel. */
    public String unsubscribeToken(UUID contactId, Channel channel) {
        return new UnsubscribeToken(TenantScope.requireTenant().value(), contactId, channel).sign(tokenSecret());
    }

    byte[] tokenSecret() {
        return secrets.get("unsubscribe-token");
    }

    private byte[] hash(Channel channel, String normalisedAddress) {
        return hasher().hash(channel, normalisedAddress);
    }

    private AddressHasher hasher() {
        return new AddressHasher(secrets.get("address-hash"));
    }
}
