package clipcast.delivery.push;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays the browser of RFC 8291: its own P-256 key pair and auth secret, the subscription JSON it hands to the
 * page, and the receiving half of the encryption, written here from the RFC independently of the production code
 * so that a shared mistake cannot pass unnoticed.
 */
public final class TestBrowser {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final byte[] authSecret;

    public TestBrowser(KeyPair keys, byte[] authSecret) {
        this.keys = keys;
        this.authSecret = authSecret.clone();
    }

    public static TestBrowser create() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            var auth = new byte[16];
            RANDOM.nextBytes(auth);
            return new TestBrowser(generator.generateKeyPair(), auth);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String p256dh() {
        return base64Url(publicKeyBytes());
    }

    public String auth() {
        return base64Url(authSecret);
    }

    /** What {@code JSON.stringify(pushSubscription)} gives in a browser. */
    public Map<String, Object> subscription(String endpoint) {
        var keys = new LinkedHashMap<String, Object>();
        keys.put("p256dh", p256dh());
        keys.put("auth", auth());
        var json = new LinkedHashMap<String, Object>();
        json.put("endpoint", endpoint);
        json.put("expirationTime", null);
        json.put("keys", keys);
        return json;
    }

    /** Decrypts an {@code aes128gcm} push message body of one record, refusing anything malformed. */
    public byte[] decrypt(byte[] body) throws GeneralSecurityException {
        var in = ByteBuffer.wrap(body);
        var salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        var senderKey = new byte[in.get() & 0xff];
        in.get(senderKey);
        var ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        if (recordSize != 4096 || senderKey.length != 65 || ciphertext.length > recordSize) {
            throw new GeneralSecurityException("Not one aes128gcm record of 4096 bytes with a P-256 key id");
        }

        var agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(keys.getPrivate());
        agreement.doPhase(publicKey(senderKey), true);
        var sharedSecret = agreement.generateSecret();

        var prkKey = hmac(authSecret, sharedSecret);
        var ikm = hmac(prkKey, concat(ascii("WebPush: info\0"), publicKeyBytes(), senderKey, new byte[] {1}));
        var prk = hmac(salt, ikm);
        var cek = Arrays.copyOf(hmac(prk, concat(ascii("Content-Encoding: aes128gcm\0"), new byte[] {1})), 16);
        var nonce = Arrays.copyOf(hmac(prk, concat(ascii("Content-Encoding: nonce\0"), new byte[] {1})), 12);

        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        var padded = cipher.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 0x02) {
            throw new GeneralSecurityException("The last record does not end with the padding delimiter 0x02");
        }
        return Arrays.copyOf(padded, end);
    }

    private byte[] publicKeyBytes() {
        var point = ((ECPublicKey) keys.getPublic()).getW();
        return concat(new byte[] {4}, unsigned32(point.getAffineX()), unsigned32(point.getAffineY()));
    }

    private ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
        var x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33));
        var y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65));
        var params = ((ECPublicKey) keys.getPublic()).getParams();
        return (ECPublicKey)
                KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
    }

    private static byte[] unsigned32(BigInteger value) {
        var bytes = value.toByteArray();
        var out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
