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

    /** Empty when the callers may try (after any delay they earned), else how long until they may again. */
    Optional<Duration> admit(TenantId tenant, List<String> callers) {
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
            return Optional.of(retryAfter.isNegative() ? Duration.ofSeconds(1) : retryAfter);
        }
        if (worst >= properties.guessSlowAfter()) {
            var delay = properties.guessDelayStep().multipliedBy(worst - properties.guessSlowAfter() + 1L);
            sleep(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
        }
        return Optional.empty();
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
