package clipcast.delivery.tracking;

import clipcast.tenancy.TenantScope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Opens and clicks on their way to {@code delivery_event}: requests put them in a bounded in-memory buffer and never
 * wait for the database; a background thread writes the buffer every {@code flushInterval} in multi-row inserts, and
 * once more when the node stops. A full buffer drops new events rather than slowing requests down; repeats of an
 * event within {@code repeatWindow} are not buffered at all. Counted in {@code clipcast.tracking.events} by outcome
 * ({@code buffered}, {@code repeated}, {@code dropped}, {@code flushed}, {@code failed}); the buffer's size is the
 * gauge {@code clipcast.tracking.buffer}, the time of each batch INSERT written the timer {@code clipcast.tracking.writes}.
 */
@Component
class TrackingEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrackingEvents.class);

    /** Writes of one batch before it is given up (a database that refuses it three times will refuse it again). */
    private static final int MAX_TRIES = 3;

    private final TrackingEventRepository repository;
    private final TrackingProperties properties;
    private final BlockingQueue<TrackingEvent> buffer;
    private final RecentEvents recent;
    private final Counter buffered;
    private final Counter repeated;
    private final Counter dropped;
    private final Counter flushed;
    private final Counter failed;
    private final Timer writes;

    private List<TrackingEvent> unwritten = List.of();
    private int tries;
    private volatile boolean running;
    private CountDownLatch stopping = new CountDownLatch(0);
    private Thread flusher;

    TrackingEvents(TrackingEventRepository repository, TrackingProperties properties, MeterRegistry meters) {
        this.repository = repository;
        this.properties = properties;
        this.buffer = new ArrayBlockingQueue<>(properties.bufferCapacity());
        this.recent = new RecentEvents(properties.repeatWindow());
        this.buffered = counter(meters, "buffered");
        this.repeated = counter(meters, "repeated");
        this.dropped = counter(meters, "dropped");
        this.flushed = counter(meters, "flushed");
        this.failed = counter(meters, "failed");
        this.writes = Timer.builder("clipcast.tracking.writes")
                .description("Time of one batch INSERT of tracking events")
                .register(meters);
        Gauge.builder("clipcast.tracking.buffer", buffer, BlockingQueue::size)
                .description("Tracking events waiting to be written")
                .register(meters);
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("clipcast.tracking.events")
                .description("Opens and clicks by what became of them")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** Takes the event for the next flush; false when it repeats a recent one or the buffer is full. Never blocks. */
    boolean record(TrackingEvent event) {
        if (recent.seen(event)) {
            repeated.increment();
            return false;
        }
        if (!buffer.offer(event)) {
            dropped.increment();
            return false;
        }
        recent.remember(event);
        buffered.increment();
        return true;
    }

    /**
     * Writes what is buffered now, in batches, in the platform scope (one batch spans tenants). A batch the database
     * refuses is kept and tried again on the next flush. Returns the events written. One flush at a time, so that a
     * caller's flush returns only after everything buffered before it is written.
     */
    synchronized int flush() {
        int written = 0;
        while (true) {
            if (unwritten.isEmpty()) {
                var batch = new ArrayList<TrackingEvent>(Math.min(buffer.size(), properties.batchSize()));
                buffer.drainTo(batch, properties.batchSize());
                unwritten = batch;
            }
            if (unwritten.isEmpty()) {
                return written;
            }
            var batch = unwritten;
            try {
                var started = Timer.start();
                TenantScope.callAsPlatform(() -> repository.insert(batch));
                started.stop(writes);
            } catch (RuntimeException e) {
                if (++tries < MAX_TRIES) {
                    log.warn("Could not write {} tracking events; trying again: {}", batch.size(), e.toString());
                } else {
                    log.error("Gave up writing {} tracking events after {} tries", batch.size(), tries, e);
                    failed.increment(batch.size());
                    unwritten = List.of();
                    tries = 0;
                }
                return written;
            }
            flushed.increment(batch.size());
            written += batch.size();
            unwritten = List.of();
            tries = 0;
            if (batch.size() < properties.batchSize()) {
                return written;
            }
        }
    }

    /** Events in the buffer and not yet written. */
    int pending() {
        return buffer.size();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        stopping = new CountDownLatch(1);
        var stopSignal = stopping;
        flusher = Thread.ofPlatform().name("tracking-flush").daemon().start(() -> flushUntil(stopSignal));
        running = true;
    }

    /** Stops the flushing thread, then writes what is left (trying a refused batch again up to its limit). */
    @Override
    public void stop() {
        Thread thread;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            stopping.countDown();
            thread = flusher;
            flusher = null;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int written = 0;
        for (int attempt = 0; attempt < MAX_TRIES && (pending() > 0 || hasUnwritten()); attempt++) {
            written += flush();
        }
        if (written > 0) {
            log.info("Wrote {} tracking events on shutdown", written);
        }
        if (pending() > 0 || hasUnwritten()) {
            log.error("{} tracking events could not be written on shutdown", pending() + unwrittenCount());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops after the web server (whose graceful shutdown still records events) and before the database pool
        // closes; starts before the web server.
        return Integer.MAX_VALUE - 4096;
    }

    private void flushUntil(CountDownLatch stopSignal) {
        long interval = properties.flushInterval().toNanos();
        try {
            while (!stopSignal.await(interval, TimeUnit.NANOSECONDS)) {
                try {
                    flush();
                } catch (RuntimeException e) {
                    log.warn("Tracking flush failed: {}", e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean hasUnwritten() {
        return !unwritten.isEmpty();
    }

    private synchronized int unwrittenCount() {
        return unwritten.size();
    }
}
