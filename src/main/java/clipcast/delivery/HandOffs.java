package clipcast.delivery;

import clipcast.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hand-off markers committed in groups. An outbox thread about to hand a message over waits here; whichever thread
 * finds no commit in flight marks every message waiting at that moment in one statement and one commit, while those
 * arriving meanwhile gather for the next one (the way PostgreSQL groups WAL flushes). Each message still goes on only
 * after its own marker is durable; the database sees one transaction per group instead of one per message.
 */
@Component
class HandOffs {

    private static final Logger log = LoggerFactory.getLogger(HandOffs.class);

    private final OutboxRepository outbox;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private List<Waiting> waiting = new ArrayList<>();
    private boolean committing;

    HandOffs(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /**
     * True once the hand-off of {@code item} by {@code node} is recorded durably; false when the claim is no longer
     * this node's (or the marker could not be written): then the message must not be sent.
     */
    boolean mark(OutboxItem item, String node) {
        var mine = new Waiting(item, node);
        List<Waiting> group;
        lock.lock();
        try {
            waiting.add(mine);
            while (committing && !mine.done) {
                committed.awaitUninterruptibly();
            }
            if (mine.done) {
                return mine.marked;
            }
            committing = true;
            group = waiting;
            waiting = new ArrayList<>();
        } finally {
            lock.unlock();
        }
        Set<UUID> marked = Set.of();
        try {
            marked = TenantScope.callAsPlatform(() -> outbox.markHanded(group.stream()
                    .map(entry -> new OutboxRepository.HandOff(entry.item, entry.node))
                    .toList()));
        } catch (RuntimeException e) {
            log.warn("Could not record {} hand-offs; those messages wait for a retry: {}", group.size(), e.toString());
        } finally {
            lock.lock();
            try {
                for (var entry : group) {
                    entry.marked = marked.contains(entry.item.id());
                    entry.done = true;
                }
                committing = false;
                committed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        return mine.marked;
    }

    private static final class Waiting {
        private final OutboxItem item;
        private final String node;
        private boolean done;
        private boolean marked;

        Waiting(OutboxItem item, String node) {
            this.item = item;
            this.node = node;
        }
    }
}
