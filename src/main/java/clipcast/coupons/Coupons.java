package clipcast.coupons;

import clipcast.TimeOrderedIds;
import clipcast.coupons.domain.CodeFormat;
import clipcast.coupons.domain.CodeGenerator;
import clipcast.coupons.domain.RedemptionPolicy;
import clipcast.coupons.domain.RefusalReason;
import clipcast.tenancy.Interaction;
import clipcast.tenancy.InteractionMeter;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The coupons module's API: offers, codes, issue, validation, redemption and reversal. Every method works on the
 * tenant of the current {@link TenantScope}.
 */
@Service
public class Coupons {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_ATTEMPTS = 5;
    private static final long CHECKED_FORMATS_TTL_MILLIS = 5_000;

    private final OfferRepository offers;
    private final CodeRepository codes;
    private final CodeJobRepository jobs;
    private final RedemptionRepository redemptions;
    private final CodeGeneration generation;
    private final CodeImports imports;
    private final TransactionTemplate transactions;
    private final CouponsProperties properties;
    private final InteractionMeter meter;
    private final Clock clock;
    /** Shared codes seen so far, and whether they may be redeemed in groups (no per-contact limit). */
    private final Map<String, Boolean> knownGenericCodes = new ConcurrentHashMap<>();

    private final HotCodeRedemptions hotCodes;
    private final Map<TenantId, CheckedFormats> checkedFormats = new ConcurrentHashMap<>();

    private record CheckedFormats(List<CodeFormat> formats, long validUntilMillis) {}

    Coupons(
            OfferRepository offers,
            CodeRepository codes,
            CodeJobRepository jobs,
            RedemptionRepository redemptions,
            CodeGeneration generation,
            CodeImports imports,
            TransactionTemplate transactions,
            CouponsProperties properties,
            InteractionMeter meter,
            HotCodeRedemptions hotCodes,
            Clock clock) {
        this.hotCodes = hotCodes;
        this.meter = meter;
        this.offers = offers;
        this.codes = codes;
        this.jobs = jobs;
        this.redemptions = redemptions;
        this.generation = generation;
        this.imports = imports;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    // --- offers

    public Offer createOffer(NewOffer offer) {
        var tenant = TenantScope.requireTenant();
        checkedFormats.remove(tenant);
        return offers.insert(tenant, TimeOrderedIds.next(clock), offer);
    }

    public Optional<Offer> offer(UUID id) {
        return offers.find(TenantScope.requireTenant(), id);
    }

    public List<Offer> offers() {
        return offers.findAll(TenantScope.requireTenant());
    }

    /** Pauses (true) or resumes (false) an offer: a paused offer's codes are refused with OFFER_PAUSED. */
    public Optional<Offer> setPaused(UUID id, boolean paused) {
        var tenant = TenantScope.requireTenant();
        return offers.setPaused(tenant, id, paused) ? offers.find(tenant, id) : Optional.empty();
    }

    // --- codes

    /** Generates codes for an offer: at once when few, else as a background job whose progress can be read. */
    public CodeRequestOutcome requestCodes(UUID offerId, int count) {
        return requestCodes(offerId, count, RANDOM);
    }

    CodeRequestOutcome requestCodes(UUID offerId, int count, RandomGenerator random) {
        if (count < 1) {
            throw new IllegalArgumentException("count is at least 1");
        }
        var tenant = TenantScope.requireTenant();
        var offer = offers.find(tenant, offerId);
        if (offer.isEmpty()) {
            return new CodeRequestOutcome.OfferNotFound();
        }
        var format = offer.get().codeFormat();
        long wanted = codes.countForOffer(tenant, offerId) + count;
        if (!format.isLargeEnoughFor(wanted)) {
            return new CodeRequestOutcome.CodeSpaceTooSmall(
                    format.codeSpace(), BigInteger.valueOf(wanted).multiply(BigInteger.TEN.pow(6)));
        }
        if (count <= properties.syncCodeLimit()) {
            var job = jobs.insert(
                    tenant, TimeOrderedIds.next(clock), offerId, count, CodeJob.Status.RUNNING, CodeGeneration.LEASE);
            return new CodeRequestOutcome.Started(generation.run(tenant, job, format, random));
        }
        var job = jobs.insert(
                tenant, TimeOrderedIds.next(clock), offerId, count, CodeJob.Status.QUEUED, CodeGeneration.LEASE);
        generation.kick();
        return new CodeRequestOutcome.Started(job);
    }

    public Optional<CodeJob> codeJob(UUID jobId) {
        return jobs.find(TenantScope.requireTenant(), jobId);
    }

    /**
     * Adds externally made codes to an offer: all of them, or none when any row is wrong or taken. The file is read
     * once, as a stream, whatever its length.
     */
    public ImportOutcome importCodes(UUID offerId, CodeSource file) {
        var tenant = TenantScope.requireTenant();
        var offer = offers.find(tenant, offerId);
        if (offer.isEmpty()) {
            return new ImportOutcome.OfferNotFound();
        }
        return imports.run(tenant, offerId, offer.get().codeFormat(), file);
    }

    /** Creates the offer's one shared code (chosen, or generated when {@code chosen} is null). */
    public GenericCodeOutcome createGenericCode(UUID offerId, String chosen) {
        var tenant = TenantScope.requireTenant();
        var offer = offers.find(tenant, offerId);
        if (offer.isEmpty()) {
            return new GenericCodeOutcome.OfferNotFound();
        }
        if (offer.get().maxRedemptionsTotal() == null) {
            return new GenericCodeOutcome.NeedsTotalCap();
        }
        var existing = codes.genericCode(tenant, offerId);
        if (existing.isPresent()) {
            return new GenericCodeOutcome.AlreadyExists(existing.get());
        }
        var generator = new CodeGenerator(offer.get().codeFormat(), RANDOM);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var code = chosen != null ? CodeFormat.normalise(chosen) : generator.next();
            if (codes.insertGeneric(tenant, offerId, code)) {
                return new GenericCodeOutcome.Created(code);
            }
            var raced = codes.genericCode(tenant, offerId);
            if (raced.isPresent()) {
                return new GenericCodeOutcome.AlreadyExists(raced.get());
            }
            if (chosen != null) {
                return new GenericCodeOutcome.CodeTaken();
            }
        }
        throw new IllegalStateException("No free code for a shared code after " + MAX_ATTEMPTS + " attempts");
    }

    /** Streams the offer's codes to the consumer inside one read transaction. */
    boolean exportCodes(UUID offerId, org.springframework.jdbc.core.RowCallbackHandler consumer) {
        var tenant = TenantScope.requireTenant();
        if (offers.find(tenant, offerId).isEmpty()) {
            return false;
        }
        transactions.executeWithoutResult(status -> codes.forEachCode(tenant, offerId, consumer));
        return true;
    }

    List<CodeRepository.CodeRow> codePage(UUID offerId, String after, int limit) {
        return codes.page(TenantScope.requireTenant(), offerId, after, limit);
    }

    // --- issue

    /** The contact's code for the offer: the one they have, else an unissued one, else a newly made one. */
    public IssueOutcome issue(UUID offerId, UUID contactId, String channel) {
        var tenant = TenantScope.requireTenant();
        var found = offers.find(tenant, offerId);
        if (found.isEmpty()) {
            return new IssueOutcome.OfferNotFound();
        }
        var offer = found.get();
        var existing = codes.findIssued(tenant, offerId, contactId);
        if (existing.isPresent()) {
            return new IssueOutcome.Issued(existing.get(), false);
        }
        var now = clock.instant();
        var refusal = refusalToIssue(offer, channel, now);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        var validUntil = RedemptionPolicy.validUntil(offer.validUntil(), offer.validDaysAfterIssue(), now);
        var generator = new CodeGenerator(offer.codeFormat(), RANDOM);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var issued = codes.issueFromPool(tenant, offerId, contactId, now, validUntil)
                    .or(() -> codes.insertIssued(tenant, offerId, generator.next(), contactId, now, validUntil));
            if (issued.isPresent()) {
                meter.record(tenant, Interaction.ISSUE);
                return new IssueOutcome.Issued(issued.get(), true);
            }
            var raced = codes.findIssued(tenant, offerId, contactId);
            if (raced.isPresent()) {
                return new IssueOutcome.Issued(raced.get(), false);
            }
        }
        throw new IllegalStateException("Could not issue a code after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * The codes of many contacts for the offer at once, as {@link #issue} gives them one by one: the code a contact
     * has, else one from the offer's pool, else a new one; a few statements per call, whatever the number of
     * contacts (a campaign launch issues a batch in the batch's own transaction).
     */
    public BulkIssueOutcome issueAll(UUID offerId, List<UUID> contactIds, String channel) {
        var tenant = TenantScope.requireTenant();
        var found = offers.find(tenant, offerId);
        if (found.isEmpty()) {
            return new BulkIssueOutcome.NotIssued(new IssueOutcome.OfferNotFound());
        }
        var offer = found.get();
        var codesByContact = new HashMap<UUID, String>();
        var distinct = contactIds.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return new BulkIssueOutcome.Issued(codesByContact);
        }
        codesByContact.putAll(codes.findIssued(tenant, offerId, distinct));
        var missing =
                distinct.stream().filter(c -> !codesByContact.containsKey(c)).toList();
        if (missing.isEmpty()) {
            return new BulkIssueOutcome.Issued(codesByContact);
        }
        var now = clock.instant();
        var refusal = refusalToIssue(offer, channel, now);
        if (refusal.isPresent()) {
            return new BulkIssueOutcome.NotIssued(refusal.get());
        }
        var validUntil = RedemptionPolicy.validUntil(offer.validUntil(), offer.validDaysAfterIssue(), now);
        long created = 0;
        var fromPool = codes.issueFromPool(tenant, offerId, missing, now, validUntil);
        codesByContact.putAll(fromPool);
        created += fromPool.size();
        var generator = new CodeGenerator(offer.codeFormat(), RANDOM);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            missing = distinct.stream()
                    .filter(c -> !codesByContact.containsKey(c))
                    .toList();
            if (missing.isEmpty()) {
                break;
            }
            var fresh = new java.util.LinkedHashSet<String>();
            while (fresh.size() < missing.size()) {
                fresh.add(generator.next());
            }
            var added = codes.insertIssued(tenant, offerId, missing, List.copyOf(fresh), now, validUntil);
            codesByContact.putAll(added);
            created += added.size();
            if (added.size() < missing.size()) {
                // A code that was taken, or a contact given a code meanwhile by someone else: look, then try again.
                codesByContact.putAll(codes.findIssued(
                        tenant,
                        offerId,
                        missing.stream().filter(c -> !added.containsKey(c)).toList()));
            }
        }
        meter.record(tenant, Interaction.ISSUE, created);
        if (codesByContact.size() < distinct.size()) {
            throw new IllegalStateException("Could not issue codes after " + MAX_ATTEMPTS + " attempts");
        }
        return new BulkIssueOutcome.Issued(codesByContact);
    }

    /** Why the offer may not give a new code now (closed to the channel, paused, expired), if it may not. */
    private static Optional<IssueOutcome> refusalToIssue(Offer offer, String channel, java.time.Instant now) {
        if (channel != null
                && !offer.channels().isEmpty()
                && !offer.channels().contains(channel.strip().toUpperCase(java.util.Locale.ROOT))) {
            return Optional.of(new IssueOutcome.ChannelNotAllowed(channel));
        }
        if (offer.paused()) {
            return Optional.of(new IssueOutcome.Refused(RefusalReason.OFFER_PAUSED));
        }
        if (offer.validUntil() != null && !now.isBefore(offer.validUntil())) {
            return Optional.of(new IssueOutcome.Refused(RefusalReason.EXPIRED));
        }
        return Optional.empty();
    }

    /** The token of the public page of one of this tenant's codes. */
    public String pageToken(String code) {
        return CouponPageToken.of(TenantScope.requireTenant(), CodeFormat.normalise(code));
    }

    // --- validate, redeem, reverse

    /** Whether a code could be redeemed now, changing nothing. */
    public ValidationOutcome validate(String typedCode, UUID contactId) {
        var tenant = TenantScope.requireTenant();
        var code = CodeFormat.normalise(typedCode);
        if (failsCheckCharacter(tenant, code)) {
            return new ValidationOutcome.Refused(RefusalReason.UNKNOWN_CODE);
        }
        var standing = codes.standing(tenant, code, contactId);
        if (standing.isEmpty()) {
            return new ValidationOutcome.Refused(RefusalReason.UNKNOWN_CODE);
        }
        var now = clock.instant();
        var refusal = RedemptionPolicy.refusal(standing.get().standing(), now);
        if (refusal.isPresent()) {
            return new ValidationOutcome.Refused(refusal.get());
        }
        var offer = offers.find(tenant, standing.get().offerId()).orElseThrow();
        return new ValidationOutcome.Valid(
                code,
                offer,
                standing.get().standing().validUntil(),
                standing.get().standing().redemptions());
    }

    /**
     * Redeems a code exactly once under any concurrency. Inside a caller's transaction it works in a savepoint, so
     * a refusal leaves the caller's own work (an idempotency key) in place.
     */
    public RedemptionOutcome redeem(RedemptionRequest request) {
        var tenant = TenantScope.requireTenant();
        var code = CodeFormat.normalise(request.code());
        if (failsCheckCharacter(tenant, code)) {
            return new RedemptionOutcome.Refused(RefusalReason.UNKNOWN_CODE);
        }
        // Most redemptions are one statement that writes all or nothing by itself; only an offer limited both per
        // contact and in total needs a transaction (found out from the code's standing, then tried again).
        boolean inTransaction = false;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var groupable = knownGenericCodes.get(tenant + ":" + code);
            boolean generic = groupable != null;
            var now = clock.instant();
            // Inside a caller's transaction (an idempotency key) a redemption cannot join another's group.
            boolean inGroup = Boolean.TRUE.equals(groupable)
                    && !org.springframework.transaction.support.TransactionSynchronizationManager
                            .isActualTransactionActive();
            var id = TimeOrderedIds.next(clock);
            Optional<Redemption> redeemed;
            if (inGroup) {
                redeemed = hotCodes.redeem(tenant, code, request);
            } else if (inTransaction) {
                redeemed = allOrNothing(() -> redemptions.redeem(tenant, id, code, generic, request, now));
            } else {
                redeemed = redemptions.redeemAlone(tenant, id, code, generic, request, now);
            }
            if (redeemed.isPresent()) {
                meter.record(tenant, Interaction.REDEMPTION);
                return new RedemptionOutcome.Redeemed(redeemed.get());
            }
            var standing = codes.standing(tenant, code, request.contactId());
            if (standing.isEmpty()) {
                return new RedemptionOutcome.Refused(RefusalReason.UNKNOWN_CODE);
            }
            if (standing.get().generic() != generic) {
                rememberGeneric(tenant, code, standing.get().standing().maxPerContact() == null);
                continue;
            }
            var refusal = RedemptionPolicy.refusal(standing.get().standing(), clock.instant());
            if (refusal.isPresent()) {
                return new RedemptionOutcome.Refused(refusal.get());
            }
            if (!inGroup && !inTransaction && needsTransaction(standing.get(), request)) {
                inTransaction = true;
                continue;
            }
            // A reversal or a resume happened between the attempt and the read: try again.
        }
        return new RedemptionOutcome.Refused(RefusalReason.ALREADY_REDEEMED);
    }

    /** Voids a code: it is refused with VOIDED from now on. False when there is no such live code. */
    public boolean voidCode(String code) {
        return codes.void_(TenantScope.requireTenant(), CodeFormat.normalise(code), clock.instant());
    }

    /** What a coupon page shows: the code, its offer, and why it cannot be used now, if so. */
    record CouponCard(String code, Offer offer, java.time.Instant validUntil, Optional<RefusalReason> refusal) {}

    Optional<CouponCard> card(String typedCode) {
        var tenant = TenantScope.requireTenant();
        var code = CodeFormat.normalise(typedCode);
        return codes.standing(tenant, code, null)
                .map(standing -> new CouponCard(
                        code,
                        offers.find(tenant, standing.offerId()).orElseThrow(),
                        standing.standing().validUntil(),
                        RedemptionPolicy.refusal(standing.standing(), clock.instant())));
    }

    /** Counts a view of a coupon page, once per viewer per {@link #IMPRESSION_WINDOW}. */
    boolean recordImpression(String code, String viewer) {
        var tenant = TenantScope.requireTenant();
        var now = clock.instant();
        boolean counted = codes.recordImpression(tenant, code, viewer, now, now.minus(IMPRESSION_WINDOW));
        if (counted) {
            meter.record(tenant, Interaction.IMPRESSION);
        }
        return counted;
    }

    static final java.time.Duration IMPRESSION_WINDOW = java.time.Duration.ofMinutes(30);

    /** Counts of an offer: codes, issued, redemptions, impressions. */
    public Optional<OfferStats> stats(UUID offerId) {
        var tenant = TenantScope.requireTenant();
        return offers.find(tenant, offerId).map(offer -> codes.stats(tenant, offerId));
    }

    public Optional<Redemption> redemption(UUID id) {
        return redemptions.find(TenantScope.requireTenant(), id);
    }

    /** Undoes a redemption within the reversal window, giving its counters back. */
    public ReversalOutcome reverse(UUID redemptionId) {
        var tenant = TenantScope.requireTenant();
        var reversed = transactions.execute(
                status -> redemptions.reverse(tenant, redemptionId, clock.instant(), properties.reversalWindow()));
        if (reversed.isPresent()) {
            return new ReversalOutcome.Reversed(reversed.get());
        }
        var existing = redemptions.find(tenant, redemptionId);
        if (existing.isEmpty()) {
            return new ReversalOutcome.NotFound();
        }
        if (existing.get().reversedAt() != null) {
            return new ReversalOutcome.AlreadyReversed();
        }
        return new ReversalOutcome.WindowClosed();
    }

    /** Whether redeeming this code raises a contact counter and the total counter, which must go together. */
    private static boolean needsTransaction(CodeRepository.Standing standing, RedemptionRequest request) {
        return standing.standing().maxPerContact() != null
                && standing.standing().maxTotal() != null
                && (standing.contactId() != null || request.contactId() != null);
    }

    /** Runs work whose empty answer means "refused": then none of its writes stay. */
    private <T> Optional<T> allOrNothing(Supplier<Optional<T>> work) {
        return transactions.execute(status -> {
            Object savepoint = status.isNewTransaction() ? null : status.createSavepoint();
            var result = work.get();
            if (result.isEmpty()) {
                if (savepoint == null) {
                    status.setRollbackOnly();
                } else {
                    status.rollbackToSavepoint(savepoint);
                }
            } else if (savepoint != null) {
                status.releaseSavepoint(savepoint);
            }
            return result;
        });
    }

    private void rememberGeneric(TenantId tenant, String code, boolean groupable) {
        if (knownGenericCodes.size() > 10_000) {
            knownGenericCodes.clear();
        }
        knownGenericCodes.put(tenant + ":" + code, groupable);
    }

    /**
     * A code shaped like one of the tenant's formats with a check character, that no format accepts, is a typo:
     * refused before any lookup.
     */
    private boolean failsCheckCharacter(TenantId tenant, String code) {
        long now = clock.millis();
        var cached = checkedFormats.get(tenant);
        if (cached == null || cached.validUntilMillis() < now) {
            if (checkedFormats.size() > 10_000) {
                checkedFormats.clear();
            }
            cached = new CheckedFormats(offers.formats(tenant), now + CHECKED_FORMATS_TTL_MILLIS);
            checkedFormats.put(tenant, cached);
        }
        boolean shapedLikeChecked = false;
        for (var format : cached.formats()) {
            if (format.accepts(code)) {
                return false;
            }
            shapedLikeChecked |= format.checkCharacter() && format.hasShapeOf(code);
        }
        return shapedLikeChecked;
    }
}
