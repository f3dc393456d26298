package clipcast.delivery.tracking;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 with the platform's tracking secret, truncated to 128 bits. One initialised {@link Mac} is kept and
 * cloned per use: cloning costs far less than looking the algorithm up and keying it for every request.
 */
final class SigningKey {

    static final int TAG_LENGTH = 16;

    private static final byte[] DOMAIN = "clipcast-tracking:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Mac prototype;

    SigningKey(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("A tracking secret has at least 256 bits");
        }
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tag of {@code data[0, length)}. */
    byte[] tag(byte[] data, int length) {
        var mac = freshMac();
        mac.update(DOMAIN);
        mac.update(data, 0, length);
        return Arrays.copyOf(mac.doFinal(), TAG_LENGTH);
    }

    /** Whether the last {@link #TAG_LENGTH} bytes of {@code token} are the tag of the rest, compared in constant time. */
    boolean verify(byte[] token) {
        if (token.length <= TAG_LENGTH) {
            return false;
        }
        int payload = token.length - TAG_LENGTH;
        return MessageDigest.isEqual(tag(token, payload), Arrays.copyOfRange(token, payload, token.length));
    }

    private Mac freshMac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The JDK's HmacSHA256 is cloneable", e);
        }
    }
}
