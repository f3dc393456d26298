package clipcast.delivery.push.domain;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The NIST P-256 curve as Web Push uses it: public keys travel as 65-byte uncompressed points ({@code 0x04 || X ||
 * Y}), and a point from outside is accepted only when it lies on the curve (an invalid-curve point would leak
 * bits of our ephemeral private key through ECDH).
 */
public final class P256 {

    public static final int UNCOMPRESSED_LENGTH = 65;
    private static final int COORDINATE_LENGTH = 32;
    private static final ECParameterSpec PARAMETERS = parameters();

    private P256() {}

    /** A fresh key pair. */
    public static KeyPair generate(SecureRandom random) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no P-256", e);
        }
    }

    /** The public key for an uncompressed point, empty when the bytes are not a point on the curve. */
    public static Optional<ECPublicKey> publicKey(byte[] uncompressed) {
        if (uncompressed == null || uncompressed.length != UNCOMPRESSED_LENGTH || uncompressed[0] != 0x04) {
            return Optional.empty();
        }
        var x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 1 + COORDINATE_LENGTH));
        var y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1 + COORDINATE_LENGTH, UNCOMPRESSED_LENGTH));
        if (!onCurve(x, y)) {
            return Optional.empty();
        }
        try {
            var key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMETERS));
            return Optional.of((ECPublicKey) key);
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** The private key with scalar {@code d} (big-endian), as published test vectors give it. */
    public static ECPrivateKey privateKey(byte[] d) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d), PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a P-256 private key", e);
        }
    }

    /** A private key stored as PKCS#8. */
    public static ECPrivateKey privateKeyFromPkcs8(byte[] pkcs8) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("Not a PKCS#8 P-256 private key", e);
        }
    }

    /** {@code 0x04 || X || Y}, each coordinate as 32 bytes. */
    public static byte[] uncompressed(ECPublicKey key) {
        var point = key.getW();
        var out = new byte[UNCOMPRESSED_LENGTH];
        out[0] = 0x04;
        copyUnsigned(point.getAffineX(), out, 1);
        copyUnsigned(point.getAffineY(), out, 1 + COORDINATE_LENGTH);
        return out;
    }

    private static boolean onCurve(BigInteger x, BigInteger y) {
        var curve = PARAMETERS.getCurve();
        var p = ((ECFieldFp) curve.getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        var left = y.multiply(y).mod(p);
        var right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        var bytes = value.toByteArray();
        int length = Math.min(bytes.length, COORDINATE_LENGTH);
        System.arraycopy(bytes, bytes.length - length, out, offset + COORDINATE_LENGTH - length, length);
    }

    private static ECParameterSpec parameters() {
        try {
            var parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no P-256", e);
        }
    }
}
