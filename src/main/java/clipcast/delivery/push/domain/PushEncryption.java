package clipcast.delivery.push.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a push message for one subscriber (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188): an
 * ephemeral P-256 key agreed with the browser's key, mixed with its auth secret by HKDF-SHA-256, a random salt,
 * one record of at most 4096 bytes whose plaintext ends with the padding delimiter {@code 0x02}. The body starts
 * with the header {@code salt(16) || rs(4) || idlen(1) || keyid(65)}, keyid being the ephemeral public key.
 */
public final class PushEncryption {

    public static final int RECORD_SIZE = 4096;
    public static final int SALT_LENGTH = 16;
    static final int TAG_LENGTH = 16;
    static final int HEADER_LENGTH = SALT_LENGTH + 4 + 1 + P256.UNCOMPRESSED_LENGTH;

    /**
     * The largest plaintext a push service must accept: its 4096-byte body limit minus the header, the padding
     * delimiter and the authentication tag (RFC 8291 section 4).
     */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - HEADER_LENGTH - 1 - TAG_LENGTH;

    private static final byte PADDING_DELIMITER = 0x02;
    private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);

    private PushEncryption() {}

    /** Whether a plaintext is small enough for one push message. */
    public static boolean fits(byte[] plaintext) {
        return plaintext.length <= MAX_PLAINTEXT;
    }

    /** The encrypted body, with a fresh ephemeral key and salt. */
    public static byte[] encrypt(byte[] plaintext, SubscriberKeys subscriber, SecureRandom random) {
        var salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return encrypt(plaintext, subscriber, P256.generate(random), salt);
    }

    /** The encrypted body with a given ephemeral key and salt: only for test vectors, never reuse either. */
    static byte[] encrypt(byte[] plaintext, SubscriberKeys subscriber, KeyPair ephemeral, byte[] salt) {
        if (!fits(plaintext)) {
            throw new IllegalArgumentException(
                    "A push message holds at most " + MAX_PLAINTEXT + " bytes, not " + plaintext.length);
        }
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("The salt has " + SALT_LENGTH + " bytes");
        }
        var senderPublic = P256.uncompressed((ECPublicKey) ephemeral.getPublic());
        var receiverPublic = subscriber.p256dh();
        var sharedSecret = agree(ephemeral, subscriber.publicKey());

        var authKey = Hkdf.extract(subscriber.authSecret(), sharedSecret);
        var inputKey = Hkdf.expand(authKey, concat(KEY_INFO, receiverPublic, senderPublic), 32);
        var contentKey = Hkdf.extract(salt, inputKey);
        var cek = Hkdf.expand(contentKey, CEK_INFO, 16);
        var nonce = Hkdf.expand(contentKey, NONCE_INFO, 12);

        var record = Arrays.copyOf(plaintext, plaintext.length + 1);
        record[plaintext.length] = PADDING_DELIMITER;
        var ciphertext = seal(cek, nonce, record);

        return ByteBuffer.allocate(HEADER_LENGTH + ciphertext.length)
                .put(salt)
                .putInt(RECORD_SIZE)
                .put((byte) senderPublic.length)
                .put(senderPublic)
                .put(ciphertext)
                .array();
    }

    private static byte[] agree(KeyPair ephemeral, ECPublicKey receiver) {
        try {
            var agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(ephemeral.getPrivate());
            agreement.doPhase(receiver, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ECDH with the subscriber's key failed", e);
        }
    }

    private static byte[] seal(byte[] key, byte[] nonce, byte[] record) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            return cipher.doFinal(record);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no AES-GCM", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (var part : parts) {
            length += part.length;
        }
        var buffer = ByteBuffer.allocate(length);
        for (var part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }
}
