package clipcast.delivery.push.domain;

import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A browser's keys for one push subscription: its P-256 public key ({@code p256dh}) and the 16-byte
 * authentication secret ({@code auth}) it shares with us only. The secret is never shown by {@link #toString}.
 */
public record SubscriberKeys(ECPublicKey publicKey, byte[] authSecret) {

    public static final int AUTH_SECRET_LENGTH = 16;

    public SubscriberKeys {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(authSecret, "authSecret");
        if (authSecret.length != AUTH_SECRET_LENGTH) {
            throw new IllegalArgumentException("The auth secret has " + AUTH_SECRET_LENGTH + " bytes");
        }
        authSecret = authSecret.clone();
    }

    /** The keys from their wire form, refused unless the point is on P-256 and the secret has 16 bytes. */
    public static SubscriberKeys of(byte[] p256dh, byte[] authSecret) {
        var key = P256.publicKey(p256dh)
                .orElseThrow(() -> new IllegalArgumentException("p256dh is not an uncompressed P-256 point"));
        return new SubscriberKeys(key, authSecret);
    }

    /** The public key as the 65-byte uncompressed point the browser gave. */
    public byte[] p256dh() {
        return P256.uncompressed(publicKey);
    }

    @Override
    public byte[] authSecret() {
        return authSecret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubscriberKeys that
                && Arrays.equals(p256dh(), that.p256dh())
                && MessageDigest.isEqual(authSecret, that.authSecret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(p256dh());
    }

    @Override
    public String toString() {
        return "SubscriberKeys[p256dh=" + Base64Url.encode(p256dh()) + ", authSecret=<hidden>]";
    }
}
