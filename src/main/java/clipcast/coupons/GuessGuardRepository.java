package clipcast.coupons;

import clipcast.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class GuessGuardRepository {

    private final JdbcClient jdbc;

    GuessGuardRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Window(String caller, int failures, Instant windowStart) {}

    List<Window> windows(TenantId tenant, List<String> callers, Instant since) {
        return jdbc.sql("SELECT caller, failures, window_start FROM code_guess_window"
                        + " WHERE tenant_id = ? AND caller = ANY (?::text[]) AND window_start > ?")
                .params(tenant.value(), callers.toArray(String[]::new), OfferRepository.timestamp(since))
                .query((rs, row) -> new Window(
                        rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** Counts one failure for each caller; a window older than {@code window} starts again at one. */
    void recordFailure(TenantId tenant, List<String> callers, Instant now, Duration window) {
        jdbc.sql("""
                        INSERT INTO code_guess_window AS w (tenant_id, caller, failures, window_start)
                        SELECT ?, caller, 1, ? FROM unnest(?::text[]) AS caller
                        ON CONFLICT (tenant_id, caller) DO UPDATE SET
                            failures = CASE WHEN w.window_start > ? THEN w.failures + 1 ELSE 1 END,
                            window_start = CASE WHEN w.window_start > ? THEN w.window_start ELSE excluded.window_start END""")
                .params(
                        tenant.value(),
                        OfferRepository.timestamp(now),
                        callers.toArray(String[]::new),
                        OfferRepository.timestamp(now.minus(window)),
                        OfferRepository.timestamp(now.minus(window)))
                .update();
    }

    /** Deletes the windows that ended before {@code endedBefore} (their callers start again from nothing anyway). */
    int purgeEnded(Instant endedBefore, int limit) {
        return jdbc.sql("""
                        DELETE FROM code_guess_window WHERE ctid = ANY (ARRAY(
                            SELECT ctid FROM code_guess_window WHERE window_start < ? LIMIT ?))""")
                .params(OfferRepository.timestamp(endedBefore), limit)
                .update();
    }
}
