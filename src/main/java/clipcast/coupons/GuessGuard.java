package clipcast.coupons;

import clipcast.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slows and then stops callers that guess codes. Failed validations are counted per caller (an API key, a client
 * address) in PostgreSQL, so every node sees the same counts. Past {@code guessSlowAfter} failures each attempt
 * waits a little longer; past {@code guessRefuseAfter} the caller is refused until its window ends.
 */
@Component
class GuessGuard {

    private static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private final GuessGuardRepository windows;
    private final CouponsProperties properties;
    private final Clock clock;

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

    /** The verdict without waiting, for callers that must not hold anything while they wait. */
    Verdict assess(TenantId tenant, List<String> callers) {
        var now = clock.instant();
        int worst = 0;
        Duration retryAfter = Duration.ZERO;
        for (var window : windows.windows(tenant, callers, now.minus(properties.guessWindow()))) {
            if (window.failures() > worst) {
                worst = window.failures();
                retryAfter = Duration.between(now, window.windowStart().plus(properties.guessWindow()));
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
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
