package clipcast.delivery.push.domain;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA-256 (RFC 5869), the key derivation of RFC 8188 and RFC 8291. */
final class Hkdf {

    private static final int HASH_LENGTH = 32;

    private Hkdf() {}

    static byte[] extract(byte[] salt, byte[] inputKeyingMaterial) {
        return hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt, inputKeyingMaterial);
    }

    static byte[] expand(byte[] pseudoRandomKey, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF cannot expand to " + length + " bytes");
        }
        var out = new byte[length];
        var block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            var input = new byte[block.length + info.length + 1];
            System.arraycopy(block, 0, input, 0, block.length);
            System.arraycopy(info, 0, input, block.length, info.length);
            input[input.length - 1] = (byte) counter;
            block = hmac(pseudoRandomKey, input);
            int take = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, take);
            written += take;
        }
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no HmacSHA256", e);
        }
    }
}
