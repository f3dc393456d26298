package clipcast.coupons;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lets at most as many till requests work at once as the connection pool has connections (less a few for
 * background work). Requests run on virtual threads, thousands at a time; queueing them here, where waiting is
 * cheap, keeps HikariCP from having waiters, whose hand-off loop spins on every returned connection and took most
 * of the CPU under load.
 */
@Component
class ConnectionGate {

    private final Semaphore permits;

    ConnectionGate(@Value("${clipcast.db.pool-size:20}") int poolSize) {
        this.permits = new Semaphore(Math.max(1, poolSize - 4), true);
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
