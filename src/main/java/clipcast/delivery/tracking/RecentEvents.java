package clipcast.delivery.tracking;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The events recorded lately, as 64-bit fingerprints in a fixed table (512 KB) indexed by the fingerprint: an event
 * whose fingerprint, time window included, is in its slot was recorded in this window already. Lossy on purpose: a
 * slot taken over by another event only lets a repeat through again, and a repeat is only ever held back after its
 * first occurrence was buffered, so no open or click is lost, and memory stays fixed whatever the traffic.
 */
final class RecentEvents {

    private static final int SLOTS = 1 << 16;

    private final AtomicLongArray slots = new AtomicLongArray(SLOTS);
    private final long windowMillis;

    RecentEvents(Duration window) {
        this.windowMillis = window.toMillis();
    }

    /** Whether this event was remembered in its time window. */
    boolean seen(TrackingEvent event) {
        if (windowMillis == 0) {
            return false;
        }
        long fingerprint = fingerprint(event);
        return slots.get(slot(fingerprint)) == fingerprint;
    }

    void remember(TrackingEvent event) {
        if (windowMillis == 0) {
            return;
        }
        long fingerprint = fingerprint(event);
        slots.set(slot(fingerprint), fingerprint);
    }

    private long fingerprint(TrackingEvent event) {
        long hash = mix(event.occurredAt().toEpochMilli() / windowMillis);
        hash = mix(hash ^ event.kind().hashCode());
        hash = mix(hash, event.tenantId());
        hash = mix(hash, event.messageId());
        hash = mix(hash ^ (event.detail() == null ? 0 : event.detail().hashCode()));
        return hash == 0 ? 1 : hash;
    }

    private static int slot(long fingerprint) {
        return (int) (fingerprint & (SLOTS - 1));
    }

    private static long mix(long hash, UUID id) {
        return mix(mix(hash ^ id.getMostSignificantBits()) ^ id.getLeastSignificantBits());
    }

    /** SplitMix64's finaliser: every input bit moves about half of the output bits. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
