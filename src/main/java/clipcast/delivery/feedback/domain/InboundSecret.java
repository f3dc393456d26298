package clipcast.delivery.feedback.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret the mail system presents to the feedback hook ({@code Authorization: Bearer <secret>}), so that
 * nobody can suppress addresses by posting made-up bounces. Unset, the hook accepts nothing.
 */
public final class InboundSecret {

    /** Shorter secrets are refused at start-up: anyone who guesses it can suppress any address. */
    public static final int MIN_LENGTH = 16;

    public enum Check {
        ACCEPTED,
        REFUSED,
        NOT_CONFIGURED
    }

    private static final String SCHEME = "Bearer ";

    /** The secret's SHA-256, compared in constant time with the presented one's: neither length nor prefix leaks. */
    private final byte[] digest;

    private InboundSecret(byte[] digest) {
        this.digest = digest;
    }

    /** The configured secret; blank means none. */
    public static InboundSecret of(String configured) {
        if (configured == null || configured.isBlank()) {
            return new InboundSecret(null);
        }
        var secret = configured.strip();
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "The inbound feedback secret must have at least " + MIN_LENGTH + " characters");
        }
        return new InboundSecret(sha256(secret));
    }

    public boolean configured() {
        return digest != null;
    }

    /** Whether an {@code Authorization} header value (null when absent) carries the secret. */
    public Check check(String authorization) {
        if (digest == null) {
            return Check.NOT_CONFIGURED;
        }
        if (authorization == null) {
            return Check.REFUSED;
        }
        var value = authorization.strip();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Check.REFUSED;
        }
        var presented = sha256(value.substring(SCHEME.length()).strip());
        return MessageDigest.isEqual(digest, presented) ? Check.ACCEPTED : Check.REFUSED;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return configured() ? "InboundSecret[configured]" : "InboundSecret[not configured]";
    }
}
