package clipcast.delivery;

import clipcast.tenancy.TenantScope;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The outbox workers of this node: each thread claims a batch (SKIP LOCKED, so any number of threads on any number
 * of nodes never share a message), dispatches it, and claims again; idle threads wait {@code pollInterval}. Claims
 * whose lease ran out are taken back by whichever node looks first. Off in one-shot CLI commands.
 */
@Component
class OutboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final OutboxRepository outbox;
    private final Dispatcher dispatcher;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final boolean enabled;
    private final String node;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong lastReclaim = new AtomicLong();
    private volatile boolean running;

    OutboxWorker(
            OutboxRepository outbox,
            Dispatcher dispatcher,
            DeliveryProperties properties,
            Clock clock,
            @Value("${clipcast.workers.enabled:true}") boolean enabled) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.clock = clock;
        this.enabled = enabled;
        this.node = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        if (!enabled || running) {
            return;
        }
        running = true;
        for (int i = 0; i < Math.max(1, properties.workers()); i++) {
            var thread = Thread.ofPlatform().name("outbox-" + i).daemon().start(this::work);
            threads.add(thread);
        }
        log.info("Outbox workers started on node {}: {} threads", node, threads.size());
    }

    @Override
    public void stop() {
        running = false;
        for (var thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        if (enabled) {
            int released = TenantScope.callAsPlatform(() -> outbox.release(node));
            if (released > 0) {
                log.info("Gave back {} claimed messages on shutdown", released);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops before the web server and the database pool, starts after them.
        return Integer.MAX_VALUE - 2048;
    }

    /** One pass for tests and the CLI: reclaim, then claim and dispatch until nothing is due. */
    int drain() {
        int total = 0;
        reclaimIfDue(true);
        while (true) {
            var batch = claim();
            if (batch.isEmpty()) {
                return total;
            }
            dispatcher.dispatch(node, batch);
            total += batch.size();
        }
    }

    private void work() {
        while (running) {
            try {
                reclaimIfDue(false);
                var batch = claim();
                if (batch.isEmpty()) {
                    Thread.sleep(properties.pollInterval().toMillis());
                    continue;
                }
                dispatcher.dispatch(node, batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox batch failed; its claims return when their lease ends: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private List<OutboxItem> claim() {
        return TenantScope.callAsPlatform(
                () -> outbox.claim(node, properties.batchSize(), clock.instant().plus(properties.lease())));
    }

    private void reclaimIfDue(boolean force) {
        long now = System.nanoTime();
        long last = lastReclaim.get();
        long every = Math.max(1, properties.lease().toNanos() / 4);
        if (!force && now - last < every) {
            return;
        }
        if (!lastReclaim.compareAndSet(last, now)) {
            return;
        }
        int reclaimed = TenantScope.callAsPlatform(outbox::reclaimExpired);
        if (reclaimed > 0) {
            log.info("Took back {} messages whose claim had expired", reclaimed);
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }
}
