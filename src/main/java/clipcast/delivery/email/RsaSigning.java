package clipcast.delivery.email;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where DKIM's RSA signatures are computed: BoringSSL through Conscrypt when its native library loads on this
 * machine (about 1.6 times the JDK's own signatures per second, see bench/delivery), else the JDK's provider. Conscrypt
 * is used for these signatures only; it is not installed as a provider, so TLS and everything else stay on the JDK.
 */
final class RsaSigning {

    private static final Logger log = LoggerFactory.getLogger(RsaSigning.class);

    private static final Provider NATIVE = loadNative();

    private RsaSigning() {}

    /** A fresh SHA256withRSA signature object (one per thread: they are not thread-safe). */
    static Signature newSignature() throws GeneralSecurityException {
        return NATIVE == null ? Signature.getInstance("SHA256withRSA") : Signature.getInstance("SHA256withRSA", NATIVE);
    }

    /**
     * {@code key} as the signing provider's own key object, so that each signature starts without converting it.
     * The same key: its encoding is unchanged.
     */
    static RSAPrivateKey forSigning(RSAPrivateKey key) {
        if (NATIVE == null || key.getClass().getName().startsWith("org.conscrypt.")) {
            return key;
        }
        try {
            return (RSAPrivateKey)
                    KeyFactory.getInstance("RSA", NATIVE).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException | ClassCastException e) {
            return key;
        }
    }

    /** The name of the provider in use, for the operations log and the benchmark. */
    static String providerName() {
        return NATIVE == null ? "JDK" : NATIVE.getName() + " (BoringSSL)";
    }

    private static Provider loadNative() {
        try {
            if (org.conscrypt.Conscrypt.isAvailable()) {
                var provider = org.conscrypt.Conscrypt.newProvider();
                log.info("DKIM signatures through {}", provider.getName());
                return provider;
            }
        } catch (LinkageError | RuntimeException e) {
            log.info("Conscrypt is not available on this machine ({}); DKIM signatures through the JDK", e.toString());
        }
        return null;
    }
}
