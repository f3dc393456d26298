package clipcast.delivery.tracking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this node buffers tracking events.
 *
 * @param bufferCapacity events held in memory at most; beyond it new events are dropped (and counted), never waited
 *     for: a pixel or redirect must not slow down because the database does
 * @param flushInterval how often the buffer is written to the database
 * @param batchSize events per INSERT at most
 * @param repeatWindow a repeat of the same event (same message and kind, same target for clicks) within this window
 *     is not recorded again: reports count distinct messages, and a reload storm must not fill the buffer; zero
 *     records every repeat
 */
@ConfigurationProperties("clipcast.tracking")
record TrackingProperties(
        @DefaultValue("100000") int bufferCapacity,
        @DefaultValue("200ms") Duration flushInterval,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("10s") Duration repeatWindow) {

    TrackingProperties {
        if (bufferCapacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("clipcast.tracking.buffer-capacity and batch-size must be positive");
        }
        if (flushInterval.isNegative() || flushInterval.isZero() || repeatWindow.isNegative()) {
            throw new IllegalArgumentException("clipcast.tracking.flush-interval must be positive");
        }
    }
}
