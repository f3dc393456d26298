package clipcast.delivery.tracking;

import java.security.SecureRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key every node signs and checks tracking tokens with: a 256-bit platform secret in {@code platform_secret},
 * made by whichever node needs it first (the same way as the consent module's secrets), read once per process.
 */
@Component
class TrackingKey {

    static final String SECRET_NAME = "tracking-token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private volatile SigningKey key;

    TrackingKey(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SigningKey get() {
        var known = key;
        if (known == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SigningKey(loadOrCreate());
                }
                known = key;
            }
        }
        return known;
    }

    private byte[] loadOrCreate() {
        var fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        jdbc.sql("INSERT INTO platform_secret (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
                .params(SECRET_NAME, fresh)
                .update();
        return jdbc.sql("SELECT secret FROM platform_secret WHERE name = ?")
                .param(SECRET_NAME)
                .query(byte[].class)
                .single();
    }
}
