package clipcast.delivery.push.domain;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * A tenant's application server key pair (RFC 8292): the public key is what browsers subscribe with
 * ({@code applicationServerKey}); the private key signs VAPID tokens, never leaves the server and is never shown
 * by {@link #toString}.
 */
public record VapidKeyPair(ECPublicKey publicKey, ECPrivateKey privateKey) {

    public VapidKeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    public static VapidKeyPair generate(SecureRandom random) {
        var pair = P256.generate(random);
        return new VapidKeyPair((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
    }

    /** The key pair as stored: the public key as an uncompressed point, the private key as PKCS#8. */
    public static VapidKeyPair of(byte[] uncompressedPublicKey, byte[] pkcs8PrivateKey) {
        var publicKey = P256.publicKey(uncompressedPublicKey)
                .orElseThrow(() -> new IllegalArgumentException("Not a P-256 public key"));
        return new VapidKeyPair(publicKey, P256.privateKeyFromPkcs8(pkcs8PrivateKey));
    }

    public KeyPair keyPair() {
        return new KeyPair(publicKey, privateKey);
    }

    /** The public key as the 65-byte uncompressed point. */
    public byte[] publicKeyBytes() {
        return P256.uncompressed(publicKey);
    }

    /** The public key in base64url: the browser's {@code applicationServerKey} and the {@code k} of VAPID. */
    public String publicKeyBase64Url() {
        return Base64Url.encode(publicKeyBytes());
    }

    /** The private key as PKCS#8, for storage only. */
    public byte[] privateKeyPkcs8() {
        return privateKey.getEncoded();
    }

    @Override
    public String toString() {
        return "VapidKeyPair[publicKey=" + publicKeyBase64Url() + ", privateKey=<hidden>]";
    }
}
