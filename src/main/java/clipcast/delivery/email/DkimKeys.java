package clipcast.delivery.email;

import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tenants' DKIM keys, one RSA-2048 key per tenant and sending domain, made by whichever node needs it first and
 * kept in the database (never logged, never returned by the API: only the public half is).
 */
@Component
public class DkimKeys {

    static final String SELECTOR = "clipcast";

    private final JdbcClient jdbc;
    private final ConcurrentHashMap<String, DkimKey> cache = new ConcurrentHashMap<>();

    DkimKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The signing key of the current tenant for the domain of {@code fromAddress}. */
    public DkimKey forSender(String fromAddress) {
        var tenant = TenantScope.requireTenant();
        var domain = domainOf(fromAddress);
        return cache.computeIfAbsent(tenant.value() + "/" + domain, ignored -> loadOrCreate(tenant, domain));
    }

    /** The DNS TXT record the tenant publishes for the domain: name and value. */
    public DnsRecord dnsRecord(String fromAddress) {
        var tenant = TenantScope.requireTenant();
        var domain = domainOf(fromAddress);
        forSender(fromAddress);
        var publicKey = jdbc.sql("SELECT public_key FROM dkim_key WHERE tenant_id = ? AND domain = ?")
                .params(tenant.value(), domain)
                .query(byte[].class)
                .single();
        return new DnsRecord(
                SELECTOR + "._domainkey." + domain,
                "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey));
    }

    public record DnsRecord(String name, String value) {}

    static String domainOf(String address) {
        var at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("Not an email address");
        }
        return address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private DkimKey loadOrCreate(TenantId tenant, String domain) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            jdbc.sql("""
                            INSERT INTO dkim_key (tenant_id, domain, selector, private_key, public_key)
                            VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, domain) DO NOTHING""")
                    .params(
                            tenant.value(),
                            domain,
                            SELECTOR,
                            pair.getPrivate().getEncoded(),
                            pair.getPublic().getEncoded())
                    .update();
            var stored = jdbc.sql("SELECT selector, private_key FROM dkim_key WHERE tenant_id = ? AND domain = ?")
                    .params(tenant.value(), domain)
                    .query((rs, row) -> new Object[] {rs.getString("selector"), rs.getBytes("private_key")})
                    .single();
            var key = (RSAPrivateKey)
                    KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec((byte[]) stored[1]));
            return new DkimKey(domain, (String) stored[0], key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make or read a DKIM key", e);
        }
    }
}
