package clipcast.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clipcast.tenancy.TenantId;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** A lane whose transaction cannot begin (no connection left, say) must not leave the import waiting for it. */
class ImportLaneTest {

    /** What a transaction manager does when the pool has no connection to give: it refuses to begin. */
    static final class NoConnection implements PlatformTransactionManager {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            throw new CannotCreateTransactionException("Connection is not available, request timed out");
        }

        @Override
        public void commit(TransactionStatus status) {}

        @Override
        public void rollback(TransactionStatus status) {}
    }

    @Test
    void a_lane_that_cannot_begin_tells_the_import_and_cancels_its_work() throws Exception {
        var failure = new CompletableFuture<RuntimeException>();

        var lane = ImportLane.start(
                new TransactionTemplate(new NoConnection()),
                null,
                new TenantId(UUID.randomUUID()),
                "import-lane-test",
                failure::complete);
        var work = lane.submit(() -> "never run");

        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(CannotCreateTransactionException.class);
        assertThatThrownBy(() -> work.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> lane.submit(() -> "too late").get(10, TimeUnit.SECONDS))
                .isInstanceOf(CancellationException.class);
        lane.close();
    }
}
