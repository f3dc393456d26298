package clipcast.delivery.push;

import java.time.Duration;

/**
 * How a push service should treat a message (RFC 8030 section 5).
 *
 * @param ttl how long the service keeps it for an offline browser; null means {@code clipcast.push.ttl}
 * @param urgency how urgent it is (lets phones save battery on low urgency); null sends no {@code Urgency} header,
 *     which push services read as normal
 */
public record PushOptions(Duration ttl, Urgency urgency) {

    public static final PushOptions DEFAULT = new PushOptions(null, null);

    public PushOptions {
        if (ttl != null && ttl.isNegative()) {
            throw new IllegalArgumentException("A TTL cannot be negative");
        }
    }

    /** The {@code Urgency} header's values. */
    public enum Urgency {
        VERY_LOW("very-low"),
        LOW("low"),
        NORMAL("normal"),
        HIGH("high");

        private final String header;

        Urgency(String header) {
            this.header = header;
        }

        public String header() {
            return header;
        }
    }
}
