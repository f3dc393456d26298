package clipcast.delivery;

import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Token buckets every node shares, kept in the database: one row per key ({@code channel:EMAIL},
 * {@code domain:example.com}); a bucket refills at its rate up to one second's worth. Workers take tokens for a
 * whole batch in one statement, so the limit costs one round trip per key and batch, not per message.
 */
@Component
class RateLimiter {

    private final JdbcClient jdbc;
    private final Clock clock;

    RateLimiter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Takes up to {@code wanted} tokens from the bucket of {@code key} refilling at {@code perSecond}.
     *
     * @return how many were granted (0 … wanted)
     */
    int take(String key, double perSecond, int wanted) {
        if (wanted <= 0) {
            return 0;
        }
        var now = java.sql.Timestamp.from(clock.instant());
        var capacity = Math.max(1.0, perSecond);
        // One statement: the upsert locks the bucket's row, so concurrent takers on any node are serialised and
        // never get the same token twice. The bucket holds at most one second's worth (at least one token).
        var granted = jdbc.sql("""
                        INSERT INTO rate_bucket AS b (key, tokens, updated_at)
                        VALUES (:key, :capacity - least(:wanted, floor(:capacity)), :now)
                        ON CONFLICT (key) DO UPDATE SET
                            tokens = least(:capacity, b.tokens
                                        + greatest(0, extract(epoch FROM (:now - b.updated_at))) * :rate)
                                   - least(:wanted, floor(least(:capacity, b.tokens
                                        + greatest(0, extract(epoch FROM (:now - b.updated_at))) * :rate))),
                            updated_at = greatest(b.updated_at, :now)
                        RETURNING coalesce(least(:capacity, old.tokens
                                        + greatest(0, extract(epoch FROM (:now - old.updated_at))) * :rate),
                                           :capacity) - new.tokens""")
                .param("key", key)
                .param("capacity", capacity)
                .param("wanted", wanted)
                .param("now", now)
                .param("rate", perSecond)
                .query(Double.class)
                .single();
        return (int) Math.round(granted);
    }
}
