package clipcast.tenancy;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Counts user interactions per tenant and calendar month against the plan. Counts are buffered in memory and added
 * to PostgreSQL about once a second (so a hot till never queues on one counter row); every node adds its own, so
 * the totals hold across nodes. Metering never refuses anything: it warns at 80 % and 100 %.
 */
@Service
public class InteractionMeter {

    private static final Logger log = LoggerFactory.getLogger(InteractionMeter.class);
    private static final long USAGE_CACHE_MILLIS = 5_000;

    private record Key(TenantId tenant, LocalDate month, Interaction kind) {}

    private record CachedUsage(InteractionUsage usage, long validUntilMillis) {}

    private final InteractionCountRepository counts;
    private final TenantRepository tenants;
    private final Clock clock;
    private final Map<Key, LongAdder> pending = new ConcurrentHashMap<>();
    private final Map<TenantId, CachedUsage> usageCache = new ConcurrentHashMap<>();

    InteractionMeter(InteractionCountRepository counts, TenantRepository tenants, Clock clock) {
        this.counts = counts;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Counts one interaction of the current tenant. */
    public void record(Interaction kind) {
        record(TenantScope.requireTenant(), kind);
    }

    public void record(TenantId tenant, Interaction kind) {
        record(tenant, kind, 1);
    }

    /** Counts {@code count} interactions of one kind at once (a campaign issuing a batch of codes). */
    public void record(TenantId tenant, Interaction kind, long count) {
        if (count > 0) {
            pending.computeIfAbsent(new Key(tenant, month(), kind), key -> new LongAdder())
                    .add(count);
        }
    }

    /** The current tenant's usage this month (read at most every few seconds per tenant). */
    public InteractionUsage usage() {
        var tenant = TenantScope.requireTenant();
        long now = clock.millis();
        var cached = usageCache.get(tenant);
        if (cached != null && cached.validUntilMillis() > now) {
            return cached.usage();
        }
        var plan = tenants.findById(tenant).orElseThrow().plan();
        long unflushed = pending.entrySet().stream()
                .filter(entry -> entry.getKey().tenant().equals(tenant)
                        && entry.getKey().month().equals(month()))
                .mapToLong(entry -> entry.getValue().sum())
                .sum();
        var usage = new InteractionUsage(plan, counts.total(tenant, month()) + unflushed, plan.monthlyInteractions());
        if (usageCache.size() > 10_000) {
            usageCache.clear();
        }
        usageCache.put(tenant, new CachedUsage(usage, now + USAGE_CACHE_MILLIS));
        return usage;
    }

    /** Adds the buffered counts to the database. */
    @Scheduled(fixedDelayString = "${clipcast.meter.flush:1s}")
    public void flush() {
        for (var key : pending.keySet()) {
            var adder = pending.remove(key);
            long count = adder == null ? 0 : adder.sumThenReset();
            if (count == 0) {
                continue;
            }
            try {
                TenantScope.run(key.tenant(), () -> counts.add(key.tenant(), key.month(), key.kind(), count));
                usageCache.remove(key.tenant());
            } catch (RuntimeException e) {
                log.warn("Could not store {} interactions of tenant {}; retrying", count, key.tenant(), e);
                pending.computeIfAbsent(key, again -> new LongAdder()).add(count);
            }
        }
    }

    /** Stores what is still buffered when the process stops (a server shutting down, a one-shot command). */
    @PreDestroy
    void flushOnShutdown() {
        flush();
    }

    private LocalDate month() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1);
    }
}
