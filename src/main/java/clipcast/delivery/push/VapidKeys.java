package clipcast.delivery.push;

import clipcast.delivery.push.domain.VapidKeyPair;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Each tenant's VAPID key pair, made on first use and kept for good: browsers subscribed with its public key, so
 * a new key would orphan every subscription of the tenant. Held in memory once read (a pair never changes).
 */
@Component
class VapidKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final VapidKeyRepository repository;
    private final ConcurrentHashMap<TenantId, VapidKeyPair> known = new ConcurrentHashMap<>();

    VapidKeys(VapidKeyRepository repository) {
        this.repository = repository;
    }

    VapidKeyPair of(TenantId tenant) {
        var cached = known.get(tenant);
        if (cached != null) {
            return cached;
        }
        // not computeIfAbsent: its lock would be held across a database round trip
        var loaded = loadOrCreate(tenant);
        var raced = known.putIfAbsent(tenant, loaded);
        return raced == null ? loaded : raced;
    }

    private VapidKeyPair loadOrCreate(TenantId tenant) {
        return TenantScope.call(
                tenant,
                () -> repository.find(tenant).orElseGet(() -> {
                    repository.insertIfAbsent(tenant, VapidKeyPair.generate(RANDOM));
                    return repository.find(tenant).orElseThrow();
                }));
    }
}
