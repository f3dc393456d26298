package clipcast.coupons;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the coupons module ({@code clipcast.coupons.*}).
 *
 * @param reversalWindow how long after a redemption it may be reversed
 * @param syncCodeLimit requests for up to this many codes are served at once, larger ones by a background job
 * @param batchSize codes generated and stored per transaction by a job
 * @param generationWriters how many batches of one job are stored at once (each on its own connection) while the
 *     next ones are generated
 * @param guessWindow the window over which failed validations of one caller are counted
 * @param guessSlowAfter failures in the window after which each further attempt of the caller is delayed
 * @param guessRefuseAfter failures in the window after which the caller is refused (429) until it ends
 * @param guessDelayStep how much longer each attempt past {@code guessSlowAfter} waits
 * @param guessCleanTtl how long a node trusts its own reading that a caller has no more than a few failures; other
 *     nodes' failures of that caller may go unseen here for that long (see {@link GuessGuard})
 * @param idempotencyTtl how long an {@code Idempotency-Key} of a redemption is remembered; after it, the key is new
 */
@ConfigurationProperties("clipcast.coupons")
public record CouponsProperties(
        @DefaultValue("24h") Duration reversalWindow,
        @DefaultValue("20000") int syncCodeLimit,
        @DefaultValue("100000") int batchSize,
        @DefaultValue("2") int generationWriters,
        @DefaultValue("15m") Duration guessWindow,
        @DefaultValue("10") int guessSlowAfter,
        @DefaultValue("30") int guessRefuseAfter,
        @DefaultValue("100ms") Duration guessDelayStep,
        @DefaultValue("1s") Duration guessCleanTtl,
        @DefaultValue("24h") Duration idempotencyTtl) {}
