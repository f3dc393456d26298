package clipcast.consent.domain;

import clipcast.consent.Channel;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash (HMAC-SHA-256) under which a suppressed address is kept: the same address always gives the
 * same hash on every node, and the stored hashes alone do not give the addresses back. An instance keeps its keyed
 * MAC for every address it hashes (imports hash a million), so it belongs to one thread at a time.
 */
public final class AddressHasher {

    private final Mac mac;

    public AddressHasher(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("The hashing secret must have at least 256 bits");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.clone(), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param normalisedAddress a normalised email or an E.164 phone number */
    public byte[] hash(Channel channel, String normalisedAddress) {
        mac.update(channel.name().getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) ':');
        return mac.doFinal(normalisedAddress.getBytes(StandardCharsets.UTF_8));
    }
}
