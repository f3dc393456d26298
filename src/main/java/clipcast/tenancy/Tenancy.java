package clipcast.tenancy;

import clipcast.TimeOrderedIds;
import clipcast.tenancy.domain.ApiKeySecret;
import clipcast.tenancy.domain.TenantName;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenancy module's API. Methods about one tenant's data work on the tenant of the current
 * {@link TenantScope}; they never switch scope themselves, so a caller cannot reach another tenant through them.
 */
@Service
public class Tenancy {

    /** How long a verified key is trusted without asking the database again (revocation reaches other nodes then). */
    static final Duration KEY_CACHE_TTL = Duration.ofSeconds(10);

    private static final int KEY_CACHE_MAX = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantRepository tenants;
    private final ApiKeyRepository apiKeys;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final ConcurrentHashMap<String, CachedPrincipal> verifiedKeys = new ConcurrentHashMap<>();

    private record CachedPrincipal(ApiPrincipal principal, long validUntilMillis) {}

    Tenancy(
            TenantRepository tenants,
            ApiKeyRepository apiKeys,
            UserRepository users,
            PasswordEncoder passwords,
            Clock clock) {
        this.tenants = tenants;
        this.apiKeys = apiKeys;
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Creates a tenant; its slug comes from the name, made unique with a short suffix when taken. */
    public Tenant createTenant(String name, Plan plan) {
        var tenantName = new TenantName(name);
        var id = new TenantId(TimeOrderedIds.next(clock));
        var slug = tenantName.slug();
        for (int attempt = 0; ; attempt++) {
            var candidate = attempt == 0 ? slug : slug + "-" + randomSuffix();
            try {
                return tenants.insert(id, candidate, tenantName.value(), plan);
            } catch (DuplicateKeyException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    /** The tenant with this slug, created when there is none yet (safe when several processes race). */
    public Tenant findOrCreateTenant(String slug, String name, Plan plan) {
        return tenants.findBySlug(slug).orElseGet(() -> {
            try {
                return tenants.insert(
                        new TenantId(TimeOrderedIds.next(clock)), slug, new TenantName(name).value(), plan);
            } catch (DuplicateKeyException raced) {
                return tenants.findBySlug(slug).orElseThrow();
            }
        });
    }

    public Optional<Tenant> findTenantBySlug(String slug) {
        return tenants.findBySlug(slug);
    }

    public Optional<Tenant> findTenant(TenantId id) {
        return tenants.findById(id);
    }

    public Tenant currentTenant() {
        var id = TenantScope.requireTenant();
        return tenants.findById(id).orElseThrow(() -> new IllegalStateException("Tenant " + id + " is gone"));
    }

    /** Takes up to {@code wanted} of the current tenant's message credits; returns how many it got. */
    public long takeCredits(long wanted) {
        return wanted <= 0 ? 0 : tenants.takeCredits(TenantScope.requireTenant(), wanted);
    }

    /** Gives credits back or adds bought ones. */
    public void addCredits(TenantId tenant, long credits) {
        if (credits < 0) {
            throw new IllegalArgumentException("Credits are added, not taken, here");
        }
        tenants.addCredits(tenant, credits);
    }

    /** Freezes an account (it sends nothing until unfrozen), with the reason kept for the operator. */
    public boolean freeze(TenantId tenant, String reason) {
        return tenants.setStatus(tenant, TenantStatus.FROZEN, reason);
    }

    public boolean unfreeze(TenantId tenant) {
        return tenants.setStatus(tenant, TenantStatus.ACTIVE, null);
    }

    @Transactional
    public IssuedApiKey issueApiKey(String name, ApiKeyScope scope) {
        var tenant = TenantScope.requireTenant();
        var secret = ApiKeySecret.generate(tenant);
        var key = apiKeys.insert(
                tenant, TimeOrderedIds.next(clock), name.strip(), scope, secret.hash(), secret.visiblePrefix());
        return new IssuedApiKey(key, secret.value());
    }

    public List<ApiKey> apiKeys() {
        return apiKeys.findAll(TenantScope.requireTenant());
    }

    public Optional<ApiKey> apiKey(UUID id) {
        return apiKeys.findById(TenantScope.requireTenant(), id);
    }

    /** Revokes a key at once on this node, and within {@link #KEY_CACHE_TTL} on every other. */
    public boolean revokeApiKey(UUID id) {
        var revoked = apiKeys.revoke(TenantScope.requireTenant(), id, clock.instant());
        if (revoked) {
            verifiedKeys.values().removeIf(cached -> cached.principal().keyId().equals(id));
        }
        return revoked;
    }

    /** The principal a presented key stands for, or empty for anything that is not a live key of a live tenant. */
    public Optional<ApiPrincipal> authenticate(String presented) {
        var secret = ApiKeySecret.parse(presented);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        var hash = secret.get().hashHex();
        long now = clock.millis();
        var cached = verifiedKeys.get(hash);
        if (cached != null && cached.validUntilMillis() > now) {
            return Optional.of(cached.principal());
        }
        var principal = TenantScope.call(
                secret.get().tenantId(),
                () -> apiKeys.findActivePrincipal(
                        secret.get().tenantId(), secret.get().hash()));
        principal.ifPresentOrElse(
                found -> {
                    if (verifiedKeys.size() >= KEY_CACHE_MAX) {
                        verifiedKeys.clear();
                    }
                    verifiedKeys.put(hash, new CachedPrincipal(found, now + KEY_CACHE_TTL.toMillis()));
                },
                () -> verifiedKeys.remove(hash));
        return principal;
    }

    /** Creates a user; tenant users in the current tenant scope, operators in the platform scope. */
    public UserAccount createUser(String email, Role role, String rawPassword) {
        TenantId tenant = role.belongsToTenant() ? TenantScope.requireTenant() : null;
        return users.insert(
                TimeOrderedIds.next(clock), tenant, normaliseEmail(email), role, passwords.encode(rawPassword));
    }

    public Optional<UserAccount> findUser(String email) {
        return users.findByEmail(normaliseEmail(email));
    }

    public void changePassword(UUID userId, String rawPassword) {
        users.updatePassword(userId, passwords.encode(rawPassword));
    }

    /** A password good enough to print once for a person to sign in with and change. */
    public static String generatePassword() {
        var bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String normaliseEmail(String email) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("A user needs an email address");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String randomSuffix() {
        var bytes = new byte[2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
