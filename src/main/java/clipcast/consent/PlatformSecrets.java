package clipcast.consent;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Secrets every node shares, made once in the database by whichever node needs one first. */
@Component
class PlatformSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ConcurrentHashMap<String, byte[]> known = new ConcurrentHashMap<>();

    PlatformSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    byte[] get(String name) {
        return known.computeIfAbsent(name, this::loadOrCreate).clone();
    }

    private byte[] loadOrCreate(String name) {
        var fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        jdbc.sql("INSERT INTO platform_secret (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
                .params(name, fresh)
                .update();
        return jdbc.sql("SELECT secret FROM platform_secret WHERE name = ?")
                .param(name)
                .query(byte[].class)
                .single();
    }
}
