package clipcast.contacts;

import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far an import has read, committed beside its transaction by a thread of its own every {@link #EVERY}, so that
 * the import's lanes never wait for a progress commit (a commit waits for the disk).
 */
final class ImportProgress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImportProgress.class);
    static final Duration EVERY = Duration.ofMillis(500);

    private final AtomicLong latest = new AtomicLong(-1);
    private final Thread writer;

    /** @param write commits the rows read so far, in its own transaction */
    ImportProgress(TenantId tenant, LongConsumer write) {
        writer = Thread.ofVirtual()
                .name("import-progress")
                .start(() -> TenantScope.run(tenant, () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            Thread.sleep(EVERY);
                        } catch (InterruptedException e) {
                            return;
                        }
                        long rows = latest.getAndSet(-1);
                        if (rows >= 0) {
                            try {
                                write.accept(rows);
                            } catch (RuntimeException e) {
                                log.debug("Import progress not written this time: {}", e.toString());
                            }
                        }
                    }
                }));
    }

    void report(long rowsRead) {
        latest.set(rowsRead);
    }

    @Override
    public void close() {
        writer.interrupt();
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
