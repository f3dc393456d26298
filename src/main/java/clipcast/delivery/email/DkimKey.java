package clipcast.delivery.email;

import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;

/**
 * A tenant's DKIM signing key for one domain and selector, held as the signing provider's key object (see {@link
 * RsaSigning}). Never logged.
 */
public record DkimKey(String domain, String selector, RSAPrivateKey privateKey) {

    public DkimKey {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(privateKey, "privateKey");
        privateKey = RsaSigning.forSigning(privateKey);
    }

    @Override
    public String toString() {
        return "DkimKey[domain=" + domain + ", selector=" + selector + ", privateKey=<hidden>]";
    }
}
