package clipcast.delivery.tracking;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One open or click, as it will be written to {@code delivery_event}.
 *
 * @param kind {@code OPEN} or {@code CLICK}
 * @param detail the click target; null for an open
 */
record TrackingEvent(String kind, UUID tenantId, UUID messageId, UUID campaignId, String detail, Instant occurredAt) {

    static final int MAX_DETAIL = 1000;

    TrackingEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL);
        }
    }

    static TrackingEvent of(TrackingToken token, Instant at) {
        return new TrackingEvent(
                token.kind().name(),
                token.tenantId(),
                token.messageId(),
                token.campaignId(),
                token.target() == null ? null : token.target().url(),
                at);
    }
}
