package clipcast.coupons;

import clipcast.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Slows and then stops callers that guess codes. Failed validations are counted per caller (an API key, a client
 * address) in PostgreSQL, so every node sees the same counts. Past {@code guessSlowAfter} failures each attempt
 * waits a little longer; past {@code guessRefuseAfter} the caller is refused until its window ends.
 *
 * <p>Most callers never fail: a till that scans real codes. So that they do not pay a read of the counts on every
 * request, each node remembers for {@code guessCleanTtl} which callers it found below {@code guessSlowAfter}, and
 * forgets a caller the moment it records a failure of that caller itself. What a node can miss is only what other
 * nodes counted meanwhile: a caller that was slowed or refused on one node is let through on another for at most
 * {@code guessCleanTtl} after that node last read its count, and only until its first failure there (the requests
 * already under way at that moment, as without the memory).
 */
@Component
class GuessGuard {

    private static final Duration MAX_DELAY = Duration.ofSeconds(2);
    private static final Verdict ALLOWED = new Verdict(null, Duration.ZERO);
    private static final int MAX_REMEMBERED = 100_000;

    private final GuessGuardRepository windows;
    private final CouponsProperties properties;
    private final Clock clock;

    /** Per tenant and caller: when this node last found it clean, or recorded a failure of it. */
    private final Map<Caller, Seen> remembered = new ConcurrentHashMap<>();

    private record Caller(TenantId tenant, String name) {}

    /** What this node saw of a caller at {@code nanoTime}: found clean, or a failure it recorded. */
    private record Seen(long nanoTime, boolean failed) {}

    GuessGuard(GuessGuardRepository windows, CouponsProperties properties, Clock clock) {
        this.windows = windows;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether the callers may try now: refused until {@code retryAfter}, or allowed after {@code delay}. */
    record Verdict(Duration retryAfter, Duration delay) {
        boolean refused() {
            return retryAfter != null;
        }

        void waitDelay() {
            if (!delay.isZero()) {
                sleep(delay);
            }
        }
    }

    /** Empty when the callers may try (after waiting any delay they earned here), else how long until they may. */
    Optional<Duration> admit(TenantId tenant, List<String> callers) {
        var verdict = assess(tenant, callers);
        if (verdict.refused()) {
            return Optional.of(verdict.retryAfter());
        }
        verdict.waitDelay();
        return Optional.empty();
    }

    /**
     * The verdict when every caller was found clean by this node within {@code guessCleanTtl} and has not failed
     * here since: no database read is needed. Empty otherwise; then {@link #assess} reads the counts.
     */
    Optional<Verdict> remembered(TenantId tenant, List<String> callers) {
        long now = System.nanoTime();
        long ttl = properties.guessCleanTtl().toNanos();
        for (var caller : callers) {
            var seen = remembered.get(new Caller(tenant, caller));
            if (seen == null || seen.failed() || now - seen.nanoTime() >= ttl) {
                return Optional.empty();
            }
        }
        return Optional.of(ALLOWED);
    }

    /** The verdict without waiting, for callers that must not hold anything while they wait. */
    Verdict assess(TenantId tenant, List<String> callers) {
        var remembered = remembered(tenant, callers);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        long readAt = System.nanoTime();
        var now = clock.instant();
        int worst = 0;
        Duration retryAfter = Duration.ZERO;
        var found = windows.windows(tenant, callers, now.minus(properties.guessWindow()));
        for (var window : found) {
            if (window.failures() > worst) {
                worst = window.failures();
                retryAfter = Duration.between(now, window.windowStart().plus(properties.guessWindow()));
            }
        }
        for (var caller : callers) {
            boolean clean = found.stream()
                    .noneMatch(window ->
                            window.caller().equals(caller) && window.failures() >= properties.guessSlowAfter());
            if (clean) {
                rememberClean(new Caller(tenant, caller), readAt);
            }
        }
        if (worst >= properties.guessRefuseAfter()) {
            return new Verdict(retryAfter.isNegative() ? Duration.ofSeconds(1) : retryAfter, Duration.ZERO);
        }
        if (worst >= properties.guessSlowAfter()) {
            var delay = properties.guessDelayStep().multipliedBy(worst - properties.guessSlowAfter() + 1L);
            return new Verdict(null, delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
        }
        return new Verdict(null, Duration.ZERO);
    }

    void failed(TenantId tenant, List<String> callers) {
        windows.recordFailure(tenant, callers, clock.instant(), properties.guessWindow());
        // Stamped after the count is stored, so that a read which started before it (and may not have seen it)
        // cannot mark the caller clean; again after the commit when the count is stored in a transaction.
        forgetClean(tenant, callers);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgetClean(tenant, callers);
                }
            });
        }
    }

    private void forgetClean(TenantId tenant, List<String> callers) {
        var failure = new Seen(System.nanoTime(), true);
        for (var caller : callers) {
            remembered.put(new Caller(tenant, caller), failure);
        }
    }

    /** Marks a caller clean as of a read that started at {@code readAt}, unless it failed here since. */
    private void rememberClean(Caller caller, long readAt) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        var clean = new Seen(readAt, false);
        remembered.compute(
                caller,
                (key, previous) ->
                        previous != null && previous.failed() && previous.nanoTime() - readAt >= 0 ? previous : clean);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
