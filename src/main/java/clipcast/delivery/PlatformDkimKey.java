package clipcast.delivery;

import clipcast.delivery.email.DkimKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform's own DKIM key (RSA-2048) per domain, for the mail Clipcast sends from its own address on a tenant's
 * behalf (confirmation links). A tenant's key cannot sign it: every tenant would then publish a different key under
 * the same selector of the platform's domain. Made by whichever node needs it first and kept in
 * {@code platform_secret}; each process logs its DNS record when it first uses it.
 */
@Component
class PlatformDkimKey {

    static final String SELECTOR = "clipcast";

    private static final Logger log = LoggerFactory.getLogger(PlatformDkimKey.class);

    private final JdbcClient jdbc;
    private final ConcurrentHashMap<String, DkimKey> keys = new ConcurrentHashMap<>();

    PlatformDkimKey(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The signing key for the domain of this From address. */
    DkimKey forSender(String fromAddress) {
        var domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return keys.computeIfAbsent(domain, this::loadOrCreate);
    }

    /** The TXT record value to publish as {@code clipcast._domainkey.<domain>} for this From address's domain. */
    String dnsRecordValue(String fromAddress) {
        return dnsRecordValue((RSAPrivateCrtKey) forSender(fromAddress).privateKey());
    }

    private static String dnsRecordValue(RSAPrivateCrtKey key) {
        try {
            var publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the DKIM public key", e);
        }
    }

    private DkimKey loadOrCreate(String domain) {
        var name = "dkim-private-key:" + domain;
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            jdbc.sql("INSERT INTO platform_secret (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
                    .params(name, generator.generateKeyPair().getPrivate().getEncoded())
                    .update();
            var stored = jdbc.sql("SELECT secret FROM platform_secret WHERE name = ?")
                    .param(name)
                    .query(byte[].class)
                    .single();
            var key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(stored));
            // Once per process and domain, so that the operator can always find what to publish.
            log.info(
                    "The platform signs its own email for {} with DKIM: publish the TXT record {}._domainkey.{} \"{}\"",
                    domain,
                    SELECTOR,
                    domain,
                    dnsRecordValue(key));
            return new DkimKey(domain, SELECTOR, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make or read the platform's DKIM key", e);
        }
    }
}
