package clipcast.coupons;

import clipcast.tenancy.TenantScope;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets what the coupon module only needs for a while: redemption idempotency keys past their time to live, and
 * guessing windows that have ended. Runs on every node; deleting the same old rows twice is harmless, and each pass
 * deletes in bounded chunks so that it never holds many locks at once.
 */
@Component
class CouponHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(CouponHousekeeping.class);
    private static final int CHUNK = 10_000;

    private final RedemptionRepository redemptions;
    private final GuessGuardRepository guesses;
    private final CouponsProperties properties;
    private final Clock clock;

    CouponHousekeeping(
            RedemptionRepository redemptions, GuessGuardRepository guesses, CouponsProperties properties, Clock clock) {
        this.redemptions = redemptions;
        this.guesses = guesses;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${clipcast.coupons.housekeeping:10m}",
            initialDelayString = "${clipcast.coupons.housekeeping:10m}")
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("Coupon housekeeping failed; it runs again later: {}", e.toString());
        }
    }

    /** One pass; returns the rows deleted. */
    long purge() {
        var now = clock.instant();
        long deleted = 0;
        int chunk;
        do {
            chunk = TenantScope.callAsPlatform(
                    () -> redemptions.purgeIdempotencyKeys(now.minus(properties.idempotencyTtl()), CHUNK));
            deleted += chunk;
        } while (chunk == CHUNK);
        do {
            chunk = TenantScope.callAsPlatform(() -> guesses.purgeEnded(now.minus(properties.guessWindow()), CHUNK));
            deleted += chunk;
        } while (chunk == CHUNK);
        return deleted;
    }
}
