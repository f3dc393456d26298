package clipcast.campaigns;

import clipcast.TimeOrderedIds;
import clipcast.campaigns.domain.CampaignStatus;
import clipcast.campaigns.domain.StagedRelease;
import clipcast.campaigns.domain.Template;
import clipcast.compliance.Compliance;
import clipcast.compliance.domain.ContentFinding;
import clipcast.compliance.domain.ContentFingerprint;
import clipcast.compliance.domain.Severity;
import clipcast.consent.Channel;
import clipcast.coupons.BulkIssueOutcome;
import clipcast.coupons.Coupons;
import clipcast.delivery.CampaignDelivery;
import clipcast.delivery.Outbox;
import clipcast.tenancy.Tenancy;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import clipcast.tenancy.TenantStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The campaigns module's API: compose, check (preflight), launch, watch, cancel; the operator's release and
 * decline. A launch decides the whole audience set-based in keyset ranges — each range in one transaction with its
 * decisions, its outbox messages and their coupons, several ranges at once — and any node can continue a launch
 * another node began.
 */
@Service
public class Campaigns {

    private static final Logger log = LoggerFactory.getLogger(Campaigns.class);

    /** Messages a second a sending campaign is assumed to manage at most, to space out counting its delivery. */
    private static final long SETTLE_RATE = 5_000;

    /** Threads that help decide launches beside the ones that ask, on this node: one per core, up to four. */
    private static final int HELPERS =
            Math.max(0, Math.min(4, Runtime.getRuntime().availableProcessors()) - 1);

    private final Semaphore helping = new Semaphore(HELPERS);

    private final CampaignRepository repository;
    private final CampaignRequests requests;
    private final AudienceEvaluation evaluation;
    private final Senders senders;
    private final Compliance compliance;
    private final Coupons coupons;
    private final Outbox outbox;
    private final clipcast.consent.Consents consents;
    private final Tenancy tenancy;
    private final CampaignFooter footer;
    private final CampaignsProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final java.util.Map<UUID, Instant> nextSettleCheck = new java.util.concurrent.ConcurrentHashMap<>();

    Campaigns(
            CampaignRepository repository,
            CampaignRequests requests,
            AudienceEvaluation evaluation,
            Senders senders,
            Compliance compliance,
            Coupons coupons,
            Outbox outbox,
            clipcast.consent.Consents consents,
            Tenancy tenancy,
            CampaignFooter footer,
            CampaignsProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.repository = repository;
        this.requests = requests;
        this.evaluation = evaluation;
        this.senders = senders;
        this.compliance = compliance;
        this.coupons = coupons;
        this.outbox = outbox;
        this.consents = consents;
        this.tenancy = tenancy;
        this.footer = footer;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    // --- compose

    public sealed interface Saved {
        record Done(Campaign campaign) implements Saved {}

        record Invalid(List<CampaignRequests.Issue> issues) implements Saved {}

        record NotFound() implements Saved {}

        record NotEditable(CampaignStatus status) implements Saved {}
    }

    public Saved create(CampaignRequest request) {
        var checked = requests.check(request);
        if (checked instanceof CampaignRequests.Checked.Invalid(var issues)) {
            return new Saved.Invalid(issues);
        }
        var fields = ((CampaignRequests.Checked.Valid) checked).fields();
        return new Saved.Done(
                repository.insert(TenantScope.requireTenant(), TimeOrderedIds.next(clock), fields, clock.instant()));
    }

    public Saved update(UUID id, CampaignRequest request) {
        var tenant = TenantScope.requireTenant();
        var existing = repository.find(tenant, id);
        if (existing.isEmpty()) {
            return new Saved.NotFound();
        }
        if (!existing.get().status().editable()) {
            return new Saved.NotEditable(existing.get().status());
        }
        var checked = requests.check(request);
        if (checked instanceof CampaignRequests.Checked.Invalid(var issues)) {
            return new Saved.Invalid(issues);
        }
        return repository
                .update(tenant, id, ((CampaignRequests.Checked.Valid) checked).fields(), clock.instant())
                .<Saved>map(Saved.Done::new)
                .orElseGet(() -> new Saved.NotEditable(
                        repository.find(tenant, id).map(Campaign::status).orElse(CampaignStatus.DRAFT)));
    }

    public Optional<Campaign> find(UUID id) {
        return repository.find(TenantScope.requireTenant(), id);
    }

    public List<Campaign> page(UUID after, int limit) {
        return repository.page(TenantScope.requireTenant(), after, limit);
    }

    /** The dashboard's list: the newest campaigns first, then those made before {@code before}. */
    public List<Campaign> newestFirst(UUID before, int limit) {
        return repository.pageNewestFirst(TenantScope.requireTenant(), before, limit);
    }

    /** Where the campaign's messages are, and its decisions counted by status and reason. */
    public CampaignDelivery delivery(UUID id) {
        return outbox.delivery(id);
    }

    /** How many messages were sent and how many failed. */
    public record Progress(long sent, long failed) {}

    /** The progress of several campaigns at once (for a list of them); campaigns without messages are absent. */
    public Map<UUID, Progress> progress(List<UUID> ids) {
        return repository.progress(TenantScope.requireTenant(), ids);
    }

    public Map<String, Map<String, Long>> decisionCounts(UUID id) {
        return repository.decisionCounts(TenantScope.requireTenant(), id);
    }

    public List<Map<String, Object>> messages(UUID id, String status, String reason, UUID after, int limit) {
        return repository.messages(TenantScope.requireTenant(), id, status, reason, after, limit);
    }

    // --- preflight

    /** The preflight report: content, sender, footer, SMS encoding, the audience as of the scheduled time. */
    public record Preflight(
            List<ContentFinding> findings,
            String senderStatus,
            List<String> problems,
            SmsInfo sms,
            AudienceSplit audience,
            Staged stagedRelease,
            String footerPreview,
            Instant evaluatedAt) {

        public boolean ready() {
            return problems.isEmpty();
        }
    }

    public record SmsInfo(String encoding, int segments, int units) {}

    public record AudienceSplit(long total, long eligible, Map<String, Long> blocked, Map<String, Long> deferred) {}

    public record Staged(boolean required, List<String> reasons, long sampleSize, long holdHours) {}

    public Optional<Preflight> preflight(UUID id) {
        var tenant = TenantScope.requireTenant();
        var found = repository.find(tenant, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var campaign = found.get();
        var now = clock.instant();
        var asOf = campaign.scheduledAt() != null && campaign.scheduledAt().isAfter(now) ? campaign.scheduledAt() : now;
        var problems = new ArrayList<String>();
        var findings = screen(campaign);
        if (findings.stream().anyMatch(f -> f.severity() == Severity.BLOCK)) {
            problems.add("CONTENT_BLOCKED");
        }
        var sender = senders.find(campaign.senderId());
        var senderStatus = sender.map(Sender::status).orElse("MISSING");
        if (sender.isEmpty() || !sender.get().verified()) {
            problems.add("SENDER_NOT_VERIFIED");
        }
        var profile = senders.profile();
        if (profile.isEmpty()) {
            problems.add("SENDER_PROFILE_MISSING");
        }
        offerProblem(campaign).ifPresent(problems::add);
        var account = tenancy.currentTenant();
        if (account.status() != TenantStatus.ACTIVE) {
            problems.add("ACCOUNT_" + account.status().name());
        }
        // The audience as a send at that time would find it: credits counted down, nothing written.
        var context = new AudienceEvaluation.Context(
                asOf,
                account.status() != TenantStatus.ACTIVE,
                fingerprint(campaign),
                senders.cap(campaign.channel().name()));
        var split = evaluation.count(tenant, campaign, context, account.messageCredits());
        long sendable = split.sendable();
        long imported = split.importedSendable();
        var firstEligible = split.firstEligible();
        var reasons = stagedReasons(campaign, sendable, imported, findings);
        var rules = properties.stagedRules();
        var staged = new Staged(
                !reasons.isEmpty(),
                reasons,
                reasons.isEmpty() ? 0 : StagedRelease.sampleSize(rules, sendable),
                rules.hold().toHours());
        SmsInfo sms = null;
        if (campaign.channel() == Channel.SMS) {
            var text = compliance.smsText(Template.of(campaign.body()).render(Map.of(), v -> v) + "\n"
                    + footerPreview(campaign, profile, firstEligible));
            sms = new SmsInfo(text.encoding().name(), text.segments(), text.units());
        }
        if (problems.isEmpty() && campaign.status() == CampaignStatus.DRAFT) {
            repository.setStatus(tenant, id, CampaignStatus.DRAFT, CampaignStatus.CHECKED);
        }
        return Optional.of(new Preflight(
                findings,
                senderStatus,
                problems,
                sms,
                new AudienceSplit(split.total(), split.eligible(), split.blocked(), split.deferred()),
                staged,
                footerPreview(campaign, profile, firstEligible),
                asOf));
    }

    private String footerPreview(Campaign campaign, Optional<SenderProfile> profile, UUID contactId) {
        if (profile.isEmpty()) {
            return "";
        }
        var consent = contactId == null ? null : compliantGrant(campaign, contactId);
        var url = "https://…/u/…";
        return footer.text(campaign.channel(), profile.get(), consent, url, java.util.Locale.ENGLISH);
    }

    private clipcast.consent.ConsentEntry compliantGrant(Campaign campaign, UUID contactId) {
        return consents.currentGrants(campaign.channel(), campaign.purpose(), List.of(contactId))
                .get(contactId);
    }

    private List<ContentFinding> screen(Campaign campaign) {
        var text = (campaign.subject() == null ? "" : campaign.subject() + "\n") + campaign.body();
        return compliance.screen(text);
    }

    private Optional<String> offerProblem(Campaign campaign) {
        if (campaign.offerId() == null) {
            return Optional.empty();
        }
        var offer = coupons.offer(campaign.offerId());
        if (offer.isEmpty()
                || offer.get().paused()
                || (offer.get().validUntil() != null
                        && !clock.instant().isBefore(offer.get().validUntil()))) {
            return Optional.of("OFFER_NOT_AVAILABLE");
        }
        return Optional.empty();
    }

    private List<String> stagedReasons(Campaign campaign, long sendable, long imported, List<ContentFinding> findings) {
        var account = tenancy.currentTenant();
        var facts = new StagedRelease.Facts(
                campaign.stagedRelease(),
                Duration.between(account.createdAt(), clock.instant()),
                repository.sentBefore(TenantScope.requireTenant(), campaign.id()),
                imported,
                sendable,
                findings.stream().anyMatch(f -> f.severity() == Severity.REVIEW));
        return StagedRelease.reasons(properties.stagedRules(), facts).stream()
                .map(Enum::name)
                .toList();
    }

    static ContentFingerprint fingerprint(Campaign campaign) {
        var subject = campaign.subject() == null
                ? ""
                : Template.of(campaign.subject()).withoutFields();
        return ContentFingerprint.of(
                subject + "\n" + Template.of(campaign.body()).withoutFields(), List.of());
    }

    // --- launch

    public sealed interface Launched {
        record Started(Campaign campaign) implements Launched {}

        record Scheduled(Campaign campaign) implements Launched {}

        record NotFound() implements Launched {}

        record WrongState(CampaignStatus status) implements Launched {}

        record Refused(List<String> problems, List<ContentFinding> findings) implements Launched {}
    }

    public Launched launch(UUID id) {
        var tenant = TenantScope.requireTenant();
        var found = repository.find(tenant, id);
        if (found.isEmpty()) {
            return new Launched.NotFound();
        }
        var campaign = found.get();
        if (!campaign.status().launchable()) {
            return new Launched.WrongState(campaign.status());
        }
        var problems = new ArrayList<String>();
        var findings = screen(campaign);
        if (findings.stream().anyMatch(f -> f.severity() == Severity.BLOCK)) {
            problems.add("CONTENT_BLOCKED");
        }
        if (senders.find(campaign.senderId()).filter(Sender::verified).isEmpty()) {
            problems.add("SENDER_NOT_VERIFIED");
        }
        if (senders.profile().isEmpty()) {
            problems.add("SENDER_PROFILE_MISSING");
        }
        offerProblem(campaign).ifPresent(problems::add);
        if (tenancy.currentTenant().status() != TenantStatus.ACTIVE) {
            problems.add("ACCOUNT_FROZEN");
        }
        if (!problems.isEmpty()) {
            return new Launched.Refused(problems, findings);
        }
        var now = clock.instant();
        boolean review = findings.stream().anyMatch(f -> f.severity() == Severity.REVIEW);
        if (campaign.scheduledAt() != null && campaign.scheduledAt().isAfter(now)) {
            if (!repository.setStatus(tenant, id, campaign.status(), CampaignStatus.SCHEDULED)) {
                return new Launched.WrongState(
                        repository.find(tenant, id).orElseThrow().status());
            }
            return new Launched.Scheduled(repository.find(tenant, id).orElseThrow());
        }
        var started = transactions.execute(tx -> {
            var locked = repository.lock(tenant, id);
            if (locked.isEmpty() || !locked.get().status().launchable()) {
                return false;
            }
            repository.startLaunch(tenant, id, CampaignStatus.SENDING, review, now);
            return true;
        });
        if (!Boolean.TRUE.equals(started)) {
            return new Launched.WrongState(
                    repository.find(tenant, id).orElseThrow().status());
        }
        evaluate(tenant, id);
        return new Launched.Started(repository.find(tenant, id).orElseThrow());
    }

    /**
     * Decides the rest of a launching campaign's audience on as many threads as there are cores (up to four). The
     * audience is planned into keyset ranges once, under the campaign's row lock; each range is then claimed by one
     * thread of any node ({@code FOR UPDATE SKIP LOCKED}) and decided in one transaction with its decisions, its
     * outbox messages and their coupons, so two threads or nodes never decide the same range and a crash leaves the
     * range to be claimed again. Whoever finds nothing left to decide finishes the evaluation. Returns when done, or
     * when the ranges left are held by others (who finish).
     */
    void evaluate(TenantId tenant, UUID id) {
        evaluate(tenant, id, properties.batchSize());
    }

    /** The same, in ranges of {@code batchSize} members. */
    void evaluate(TenantId tenant, UUID id, int batchSize) {
        // The calling thread decides, and as many helpers as the node has cores to spare (a launch and the scheduler
        // may both be deciding).
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var helpers = new ArrayList<Future<?>>();
            while (helpers.size() < HELPERS && helping.tryAcquire()) {
                helpers.add(executor.submit(() -> {
                    try {
                        decideUntilDone(tenant, id, batchSize);
                    } finally {
                        helping.release();
                    }
                }));
            }
            decideUntilDone(tenant, id, batchSize);
            for (var helper : helpers) {
                try {
                    helper.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new IllegalStateException(e.getCause());
                }
            }
        }
    }

    private enum Planning {
        PLANNED,
        PENDING,
        FINISHED
    }

    /** Claims and decides ranges until none is left to claim. */
    private void decideUntilDone(TenantId tenant, UUID id, int batchSize) {
        try (var ignored = TenantScope.enter(new TenantScope.Tenant(tenant))) {
            int changed = 0;
            boolean pending = false;
            while (true) {
                boolean decided;
                try {
                    decided = decideBatch(tenant, id);
                } catch (AudienceEvaluation.GroupsChanged e) {
                    // A contact with a new country or time zone arrived inside the range: it was rolled back.
                    if (++changed == 3) {
                        throw e;
                    }
                    continue;
                }
                if (decided) {
                    pending = false;
                    continue;
                }
                if (pending) {
                    return;
                }
                var planning = transactions.execute(tx -> planOrFinish(tenant, id, batchSize));
                switch (planning) {
                    case PLANNED -> {}
                    // Ranges are left, held by others a moment ago: one more try, then they are theirs to finish.
                    case PENDING -> pending = true;
                    case FINISHED -> {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Claims a range and decides it, in one transaction.
     *
     * @return false when there was no range to claim (or the campaign is no longer deciding)
     */
    private boolean decideBatch(TenantId tenant, UUID id) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            var batch = repository.claimBatch(tenant, id);
            if (batch.isEmpty()) {
                return false;
            }
            var campaign = repository.find(tenant, id);
            if (campaign.isEmpty() || !"RUNNING".equals(campaign.get().evaluation())) {
                return false;
            }
            decide(tenant, campaign.get(), batch.get());
            return true;
        }));
    }

    /**
     * Decides and writes one range, then takes the credits its sendable members need: last, so that the tenant's
     * row is locked only while this transaction commits, not while the range is decided (other ranges are decided
     * meanwhile). When the credits run out, the range's sendable members past them, in member order, are
     * QUOTA_EXCEEDED; ranges decided side by side take their credits in the order they finish.
     */
    private void decide(TenantId tenant, Campaign campaign, CampaignRepository.Batch batch) {
        var now = clock.instant();
        var account = tenancy.currentTenant();
        var context = new AudienceEvaluation.Context(
                now,
                account.status() != TenantStatus.ACTIVE,
                fingerprint(campaign),
                senders.cap(campaign.channel().name()));
        evaluation.settings();
        var range = new AudienceEvaluation.Range(batch.after(), batch.last());
        var groups = evaluation.groups(tenant, campaign, range, context);
        var written = evaluation.write(tenant, campaign, range, groups, context);
        if (campaign.offerId() != null) {
            issueCoupons(tenant, campaign, range);
        }
        long sendable = written.eligible() + written.deferred();
        long granted = tenancy.takeCredits(sendable);
        if (granted < sendable) {
            var over = evaluation.overQuota(tenant, campaign, range, granted);
            written = new AudienceEvaluation.Written(
                    written.eligible() - over.eligible(),
                    written.deferred() - over.deferred(),
                    written.blocked() + over.blocked(),
                    written.imported() - over.imported());
        }
        repository.addCounts(
                tenant, campaign.id(), written.eligible(), written.blocked(), written.deferred(), written.imported());
        repository.deleteBatch(tenant, campaign.id(), batch.after());
    }

    /**
     * Under the campaign's row lock: plans the audience into ranges if it is not yet (a launch just started, or one
     * that began before ranges were planned), or finishes the evaluation when every range is decided.
     */
    private Planning planOrFinish(TenantId tenant, UUID id, int batchSize) {
        var locked = repository.lockWaiting(tenant, id);
        if (locked.isEmpty() || !"RUNNING".equals(locked.get().evaluation())) {
            return Planning.FINISHED;
        }
        if (repository.hasBatches(tenant, id)) {
            return Planning.PENDING;
        }
        var campaign = locked.get();
        var planned = repository.evaluationCursor(tenant, id);
        if (!AudienceEvaluation.END.equals(planned)) {
            evaluation.settings();
            var ranges = new ArrayList<AudienceEvaluation.Range>();
            var after = planned;
            while (true) {
                var range = evaluation.next(tenant, campaign, after, batchSize);
                ranges.add(range);
                if (range.end()) {
                    break;
                }
                after = range.last();
            }
            repository.insertBatches(tenant, id, ranges);
            repository.planned(tenant, id, AudienceEvaluation.END);
            return Planning.PLANNED;
        }
        finishEvaluation(tenant, campaign, clock.instant());
        return Planning.FINISHED;
    }

    /**
     * The batch's queued messages get their recipient's code of the campaign's offer: the codes are issued for the
     * whole batch at once (from the offer's pool, else made; metered; idempotent per recipient) and written into the
     * outbox in one statement, in the batch's transaction.
     */
    private void issueCoupons(TenantId tenant, Campaign campaign, AudienceEvaluation.Range range) {
        var contacts = repository.queuedWithoutCoupon(tenant, campaign.id(), range.after(), range.last());
        if (contacts.isEmpty()) {
            return;
        }
        var outcome = coupons.issueAll(
                campaign.offerId(), contacts, campaign.channel().name());
        if (!(outcome instanceof BulkIssueOutcome.Issued(var issued))) {
            throw new IllegalStateException("The campaign's offer could not issue codes: " + outcome);
        }
        repository.setCoupons(
                tenant,
                campaign.id(),
                contacts,
                contacts.stream().map(issued::get).toList());
    }

    private void finishEvaluation(TenantId tenant, Campaign campaign, Instant now) {
        var evaluated = repository.evaluated(tenant, campaign.id());
        long sendable = evaluated.eligible() + evaluated.deferred();
        var account = tenancy.currentTenant();
        var facts = new StagedRelease.Facts(
                campaign.stagedRelease(),
                Duration.between(account.createdAt(), now),
                repository.sentBefore(tenant, campaign.id()),
                evaluated.imported(),
                sendable,
                evaluated.contentReview());
        var rules = properties.stagedRules();
        var reasons =
                StagedRelease.reasons(rules, facts).stream().map(Enum::name).toList();
        if (sendable == 0) {
            repository.finishEvaluation(tenant, campaign.id(), CampaignStatus.DONE, reasons, null, null, now);
            repository.finish(tenant, campaign.id(), CampaignStatus.DONE, now);
            return;
        }
        if (reasons.isEmpty()) {
            outbox.releaseHeld(campaign.id(), Integer.MAX_VALUE);
            repository.finishEvaluation(tenant, campaign.id(), CampaignStatus.SENDING, reasons, null, null, now);
            return;
        }
        var sample = StagedRelease.sampleSize(rules, sendable);
        outbox.releaseHeld(campaign.id(), (int) sample);
        repository.finishEvaluation(
                tenant, campaign.id(), CampaignStatus.SAMPLING, reasons, (int) sample, now.plus(rules.hold()), now);
        log.info("Campaign {} staged: {} of {} recipients first ({})", campaign.id(), sample, sendable, reasons);
    }

    // --- after launch

    /**
     * Moves every campaign with due work one step, across tenants: scheduled ones launch, interrupted launches
     * continue, samples whose hold ended are judged, finished sends are closed. Safe on any number of nodes.
     *
     * @return how many campaigns were looked at
     */
    public int advance(Instant now) {
        var due = TenantScope.callAsPlatform(() -> repository.due(now, 100));
        for (var campaign : due) {
            try {
                TenantScope.run(campaign.tenant(), () -> advance(campaign, now));
            } catch (RuntimeException e) {
                log.warn("Campaign {} could not move on now: {}", campaign.id(), e.toString());
            }
        }
        return due.size();
    }

    private void advance(CampaignRepository.Due due, Instant now) {
        var tenant = due.tenant();
        if (due.status() == CampaignStatus.SCHEDULED) {
            var started = transactions.execute(tx -> {
                var locked = repository.lock(tenant, due.id());
                if (locked.isEmpty() || locked.get().status() != CampaignStatus.SCHEDULED) {
                    return false;
                }
                var review = screen(locked.get()).stream().anyMatch(f -> f.severity() == Severity.REVIEW);
                repository.startLaunch(tenant, due.id(), CampaignStatus.SENDING, review, now);
                return true;
            });
            if (Boolean.TRUE.equals(started)) {
                evaluate(tenant, due.id());
            }
            return;
        }
        if ("RUNNING".equals(due.evaluation())) {
            evaluate(tenant, due.id());
            return;
        }
        if (due.status() == CampaignStatus.SENDING && !settleCheckDue(due.id(), now)) {
            return;
        }
        transactions.executeWithoutResult(tx -> {
            var locked = repository.lock(tenant, due.id());
            if (locked.isEmpty()) {
                return;
            }
            var campaign = locked.get();
            var delivery = outbox.delivery(campaign.id());
            if (campaign.status() == CampaignStatus.SENDING) {
                scheduleSettleCheck(campaign.id(), now, delivery.held() + delivery.queued() + delivery.sending());
            }
            if (campaign.status() == CampaignStatus.SAMPLING
                    && campaign.holdUntil() != null
                    && !now.isBefore(campaign.holdUntil())) {
                var verdict = StagedRelease.judge(
                        properties.stagedRules(),
                        delivery.sent(),
                        delivery.complaints(),
                        delivery.hardBounces(),
                        delivery.unsubscribes());
                switch (verdict) {
                    case StagedRelease.Verdict.Release release -> {
                        outbox.releaseHeld(campaign.id(), Integer.MAX_VALUE);
                        repository.setStatus(tenant, campaign.id(), CampaignStatus.SAMPLING, CampaignStatus.SENDING);
                    }
                    case StagedRelease.Verdict.Hold(var reason) -> {
                        repository.hold(tenant, campaign.id(), reason);
                        if (properties.stagedFreezeOnHold()) {
                            tenancy.freeze(tenant, "Campaign " + campaign.id() + " held: " + reason);
                        }
                        log.info("Campaign {} held for the operator: {}", campaign.id(), reason);
                    }
                }
            } else if (campaign.status() == CampaignStatus.SENDING && delivery.settled()) {
                repository.finish(tenant, campaign.id(), CampaignStatus.DONE, now);
            }
        });
    }

    /**
     * Whether a sending campaign's delivery should be counted again now. Counting reads every message of the
     * campaign, so a campaign with many messages still to go is counted again only when they could have gone (at
     * {@link #SETTLE_RATE} a second, at most a minute later); one nearly done is counted on every tick. Per node.
     */
    private boolean settleCheckDue(UUID campaignId, Instant now) {
        var next = nextSettleCheck.get(campaignId);
        return next == null || !now.isBefore(next);
    }

    private void scheduleSettleCheck(UUID campaignId, Instant now, long unsettled) {
        if (unsettled == 0) {
            nextSettleCheck.remove(campaignId);
            return;
        }
        long waitMillis = Math.min(60_000, unsettled * 1_000 / SETTLE_RATE);
        nextSettleCheck.put(campaignId, now.plusMillis(waitMillis));
    }

    /** What the tenant or the operator did to a campaign. */
    public sealed interface Changed {
        record Done(Campaign campaign) implements Changed {}

        record NotFound() implements Changed {}

        record WrongState(CampaignStatus status) implements Changed {}
    }

    /** The tenant stops a campaign: nothing more of it is sent. */
    public Changed cancel(UUID id) {
        return change(
                TenantScope.requireTenant(), id, campaign -> campaign.status().cancellable(), campaign -> {
                    outbox.cancelUnsent(campaign.id(), "CAMPAIGN_CANCELLED");
                    repository.finish(
                            TenantScope.requireTenant(), campaign.id(), CampaignStatus.CANCELLED, clock.instant());
                });
    }

    /** The operator releases a held campaign: the rest is sent. */
    public Changed release(TenantId tenant, UUID id) {
        return TenantScope.call(
                tenant,
                () -> change(
                        tenant,
                        id,
                        campaign -> campaign.status() == CampaignStatus.HELD
                                || campaign.status() == CampaignStatus.SAMPLING,
                        campaign -> {
                            outbox.releaseHeld(campaign.id(), Integer.MAX_VALUE);
                            repository.setStatus(tenant, campaign.id(), campaign.status(), CampaignStatus.SENDING);
                        }));
    }

    /** The operator declines a held campaign: nothing more is sent; optionally the account is frozen. */
    public Changed decline(TenantId tenant, UUID id, boolean freeze, String reason) {
        return TenantScope.call(
                tenant,
                () -> change(
                        tenant,
                        id,
                        campaign -> campaign.status() == CampaignStatus.HELD
                                || campaign.status() == CampaignStatus.SAMPLING,
                        campaign -> {
                            outbox.cancelUnsent(campaign.id(), "CAMPAIGN_DECLINED");
                            repository.finish(tenant, campaign.id(), CampaignStatus.DECLINED, clock.instant());
                            if (freeze) {
                                tenancy.freeze(
                                        tenant, reason == null ? "Campaign " + campaign.id() + " declined" : reason);
                            }
                        }));
    }

    /** Held campaigns of every tenant, for the operator (platform scope). */
    public List<HeldCampaign> held() {
        return TenantScope.callAsPlatform(() -> repository.held());
    }

    public record HeldCampaign(TenantId tenant, UUID id, String name, String heldReason, Instant holdUntil) {}

    private Changed change(
            TenantId tenant,
            UUID id,
            java.util.function.Predicate<Campaign> allowed,
            java.util.function.Consumer<Campaign> action) {
        return transactions.execute(tx -> {
            var locked = repository.find(tenant, id);
            if (locked.isEmpty()) {
                return new Changed.NotFound();
            }
            var campaign = repository.lockWaiting(tenant, id).orElseThrow();
            if (!allowed.test(campaign)) {
                return new Changed.WrongState(campaign.status());
            }
            action.accept(campaign);
            return new Changed.Done(repository.find(tenant, id).orElseThrow());
        });
    }
}
