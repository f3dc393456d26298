package clipcast.coupons;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lets only a few till requests work on the database at once (two per core by default, see {@link #permits}). Requests run on virtual threads, thousands at a time; queueing them here, where waiting is
 * cheap, keeps HikariCP from having waiters, whose hand-off loop spins on every returned connection and took most
 * of the CPU under load.
 */
@Component
class ConnectionGate {

    private final Semaphore permits;

    ConnectionGate(
            @Value("${clipcast.db.pool-size:20}") int poolSize,
            @Value("${clipcast.coupons.till-concurrency:0}") int tillConcurrency) {
        this.permits = new Semaphore(
                permits(poolSize, tillConcurrency, Runtime.getRuntime().availableProcessors()), true);
    }

    /**
     * Till requests working at once: {@code configured} when set, else two per core, and never more than the pool
     * less a few connections for background work. More statements in flight than the database has cores to run them
     * only lengthens the tail: a backend descheduled while it holds a lock or waits for its WAL flush stalls every
     * request behind it (measured: p99 167 ms with 16 at once, 57 ms with 4, on 2 cores).
     */
    static int permits(int poolSize, int configured, int cores) {
        int wanted = configured > 0 ? configured : 2 * cores;
        return Math.max(1, Math.min(wanted, poolSize - 4));
    }

    <T> T call(Supplier<T> work) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a database connection", e);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
