package clipcast.delivery;

import clipcast.compliance.Compliance;
import clipcast.compliance.domain.Decision;
import clipcast.consent.Channel;
import clipcast.consent.Consents;
import clipcast.consent.SuppressionReason;
import clipcast.tenancy.Tenancy;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import clipcast.tenancy.TenantStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one claimed batch: checks every message again just before it goes (account, consent, suppression, quiet
 * hours, rate limits: whatever changed since launch wins), renders it, hands it to its transport and records the
 * results. A message handed to a real transport is marked durably first (see {@link HandOffs}).
 */
@Component
class Dispatcher {

    private final OutboxRepository outbox;
    private final HandOffs handOffs;
    private final Transports transports;
    private final MessageRenderer renderer;
    private final Consents consents;
    private final Compliance compliance;
    private final Tenancy tenancy;
    private final RateLimiter limits;
    private final DeliveryProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Dispatcher(
            OutboxRepository outbox,
            HandOffs handOffs,
            Transports transports,
            MessageRenderer renderer,
            Consents consents,
            Compliance compliance,
            Tenancy tenancy,
            RateLimiter limits,
            DeliveryProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.outbox = outbox;
        this.handOffs = handOffs;
        this.transports = transports;
        this.renderer = renderer;
        this.consents = consents;
        this.compliance = compliance;
        this.tenancy = tenancy;
        this.limits = limits;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Processes a batch claimed by {@code node}; every message ends sent, failed, cancelled or queued again. */
    void dispatch(String node, List<OutboxItem> claimed) {
        var byTenant = claimed.stream()
                .collect(Collectors.groupingBy(OutboxItem::tenant, LinkedHashMap::new, Collectors.toList()));
        byTenant.forEach((tenant, items) -> TenantScope.run(tenant, () -> dispatchTenant(node, tenant, items)));
    }

    private void dispatchTenant(String node, TenantId tenant, List<OutboxItem> items) {
        var results = new ArrayList<OutboxRepository.Result>();
        var sandboxed = new ArrayList<Sandboxed>();
        try {
            var status = tenancy.findTenant(tenant).map(t -> t.status()).orElse(TenantStatus.DEACTIVATED);
            if (status != TenantStatus.ACTIVE) {
                for (var item : items) {
                    results.add(
                            status == TenantStatus.FROZEN
                                    ? requeue(item, clock.instant().plus(Duration.ofMinutes(5)), "ACCOUNT_FROZEN")
                                    : cancel(item, "ACCOUNT_DEACTIVATED"));
                }
                return;
            }
            var sendable = stillAllowed(items, results);
            sendable = withinLimits(sendable, results);
            if (sendable.isEmpty()) {
                return;
            }
            var rendered = renderer.render(sendable);
            for (var item : sendable) {
                var message = rendered.get(item.id());
                if (message == null) {
                    results.add(cancel(item, "NOT_RENDERED"));
                } else if (message instanceof RenderedMessage.Withdrawn(var code)) {
                    results.add(cancel(item, code));
                } else if (transports.sandboxed(item.channel())) {
                    sandboxed.add(new Sandboxed(item, message));
                } else {
                    results.add(send(node, item, message));
                }
            }
        } finally {
            var finalResults = results;
            TenantScope.callAsPlatform(() -> transactions.execute(tx -> {
                for (var entry : sandboxed) {
                    TenantScope.run(
                            entry.item().tenant(), () -> transports.recordInSandbox(entry.item(), entry.message()));
                    finalResults.add(new OutboxRepository.Result(
                            entry.item().tenant(), entry.item().id(), "SENT", null, "sandbox", null, null, false));
                }
                outbox.record(node, finalResults);
                return null;
            }));
        }
    }

    private record Sandboxed(OutboxItem item, RenderedMessage message) {}

    /** Drops what may no longer be sent, defers what may not be sent now; returns the rest. */
    private List<OutboxItem> stillAllowed(List<OutboxItem> items, List<OutboxRepository.Result> results) {
        var now = clock.instant();
        var byConsent = items.stream()
                .collect(Collectors.groupingBy(
                        item -> item.channel() + "\u0000" + item.purpose(), LinkedHashMap::new, Collectors.toList()));
        Set<UUID> granted = new HashSet<>();
        Set<String> suppressed = new HashSet<>();
        byConsent.forEach((key, group) -> {
            var channel = group.getFirst().channel();
            granted.addAll(consents.grantedAmong(
                    channel,
                    group.getFirst().purpose(),
                    group.stream().map(OutboxItem::contactId).toList()));
            if (channel != Channel.PUSH) {
                consents
                        .suppressedAmong(
                                channel, group.stream().map(OutboxItem::address).toList())
                        .stream()
                        .map(address -> channel + "\u0000" + address)
                        .forEach(suppressed::add);
            }
        });
        var allowed = new ArrayList<OutboxItem>();
        for (var item : items) {
            if (suppressed.contains(item.channel() + "\u0000" + item.address())) {
                results.add(cancel(item, "SUPPRESSED"));
            } else if (!granted.contains(item.contactId())) {
                results.add(cancel(item, "NO_CONSENT"));
            } else if (compliance
                            .quietHours()
                            .decide(item.country(), item.channel().name(), zone(item), now)
                    instanceof Decision.Defer(var until, var reason)) {
                results.add(requeue(item, until, reason.name()));
            } else {
                allowed.add(item);
            }
        }
        return allowed;
    }

    /** Takes tokens per channel and per recipient domain; what gets none waits a second. */
    private List<OutboxItem> withinLimits(List<OutboxItem> items, List<OutboxRepository.Result> results) {
        var allowed = new ArrayList<OutboxItem>();
        var later = clock.instant().plusSeconds(1);
        var byChannel = items.stream().collect(Collectors.groupingBy(OutboxItem::channel));
        byChannel.forEach((channel, group) -> {
            int granted = limits.take("channel:" + channel, properties.channelPerSecond(channel.name()), group.size());
            var passed = group.subList(0, granted);
            group.subList(granted, group.size()).forEach(item -> results.add(requeue(item, later, "RATE_LIMITED")));
            if (channel != Channel.EMAIL) {
                allowed.addAll(passed);
                return;
            }
            var byDomain = passed.stream()
                    .collect(Collectors.groupingBy(item -> domainOf(item.address()), Collectors.toList()));
            byDomain.forEach((domain, inDomain) -> {
                int forDomain = limits.take("domain:" + domain, properties.domainPerSecond(domain), inDomain.size());
                allowed.addAll(inDomain.subList(0, forDomain));
                inDomain.subList(forDomain, inDomain.size())
                        .forEach(item -> results.add(requeue(item, later, "RATE_LIMITED")));
            });
        });
        return allowed;
    }

    private OutboxRepository.Result send(String node, OutboxItem item, RenderedMessage message) {
        java.util.function.BooleanSupplier handOff = () -> handOffs.mark(item, node);
        SendOutcome outcome;
        try {
            outcome = switch (message) {
                case RenderedMessage.Email email -> transports.sendEmail(item, email, handOff);
                case RenderedMessage.Sms sms -> transports.sendSms(item, sms, handOff);
                case RenderedMessage.Push push -> transports.sendPush(item, push, handOff);
                case RenderedMessage.Withdrawn withdrawn -> throw new IllegalStateException("withdrawn");
            };
        } catch (RuntimeException unexpected) {
            outcome = new SendOutcome.RetryLater("ERROR", String.valueOf(unexpected.getMessage()));
        }
        return switch (outcome) {
            case SendOutcome.Accepted(var reference) ->
                new OutboxRepository.Result(item.tenant(), item.id(), "SENT", null, reference, null, null, false);
            case SendOutcome.RetryLater(var code, var reason) -> retry(item, code, reason);
            case SendOutcome.Refused(var code, var reason) -> refused(item, code, reason);
        };
    }

    private OutboxRepository.Result retry(OutboxItem item, String code, String reason) {
        if (item.attempts() >= properties.maxAttempts()) {
            return new OutboxRepository.Result(
                    item.tenant(), item.id(), "FAILED", null, null, "RETRIES_EXHAUSTED_" + code, reason, false);
        }
        var base = properties.backoffBase().toMillis() << Math.min(20, Math.max(0, item.attempts() - 1));
        var wait = Math.min(base, properties.backoffMax().toMillis());
        var jitter = ThreadLocalRandom.current().nextLong(Math.max(1, wait / 5));
        return new OutboxRepository.Result(
                item.tenant(),
                item.id(),
                "QUEUED",
                clock.instant().plusMillis(wait + jitter),
                null,
                code,
                reason,
                false);
    }

    /** A permanent refusal; an unknown mailbox (enhanced status 5.1.x) is a hard bounce and suppresses the address. */
    private OutboxRepository.Result refused(OutboxItem item, String code, String reason) {
        if (item.channel() == Channel.EMAIL && reason != null && reason.matches("(?s).*\\b5\\.1\\.[0-9]+\\b.*")) {
            consents.suppress(Channel.EMAIL, item.address(), SuppressionReason.HARD_BOUNCE, null);
            outbox.addEvent(item, "HARD_BOUNCE", code + " " + reason);
        }
        return new OutboxRepository.Result(item.tenant(), item.id(), "FAILED", null, null, code, reason, false);
    }

    private static OutboxRepository.Result cancel(OutboxItem item, String code) {
        return new OutboxRepository.Result(item.tenant(), item.id(), "CANCELLED", null, null, code, null, false);
    }

    /** Back to the queue until {@code until}; the attempt does not count (nothing was tried). */
    private static OutboxRepository.Result requeue(OutboxItem item, Instant until, String code) {
        return new OutboxRepository.Result(item.tenant(), item.id(), "QUEUED", until, null, code, null, true);
    }

    private static ZoneId zone(OutboxItem item) {
        try {
            return item.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(item.timeZone());
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
