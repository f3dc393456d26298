package clipcast.delivery.email;

import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;

/** A tenant's DKIM signing key for one domain and selector. Never logged. */
public record DkimKey(String domain, String selector, RSAPrivateKey privateKey) {

    public DkimKey {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
        return "DkimKey[domain=" + domain + ", selector=" + selector + ", privateKey=<hidden>]";
    }
}
