package clipcast.tenancy.domain;

import clipcast.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The secret of an API key: {@code cc_<tenant id in hex>_<256 random bits>}. The tenant part routes the lookup
 * to one tenant's rows (so the key table is partitioned by tenant like every other); the random part makes it
 * unguessable. Only its SHA-256 is stored: with 256 bits of entropy a slow hash adds nothing.
 */
public record ApiKeySecret(TenantId tenantId, String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("cc_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");
    private static final int VISIBLE_PREFIX = 12;

    public ApiKeySecret {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an API key");
        }
    }

    public static ApiKeySecret generate(TenantId tenant) {
        var random = new byte[32];
        RANDOM.nextBytes(random);
        var hex = tenant.value().toString().replace("-", "");
        return new ApiKeySecret(
                tenant,
                "cc_" + hex + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** Reads a presented key; anything that is not one of ours is empty, never an error. */
    public static Optional<ApiKeySecret> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(presented.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        var hex = matcher.group(1);
        var tenant = new UUID(
                Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
        return Optional.of(new ApiKeySecret(new TenantId(tenant), matcher.group(0)));
    }

    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public String hashHex() {
        return HexFormat.of().formatHex(hash());
    }

    /** What may be shown to tell keys apart: the random part stays hidden. */
    public String visiblePrefix() {
        var randomStart = "cc_".length() + 32 + 1;
        return "cc_…_" + value.substring(randomStart, randomStart + 4);
    }

    @Override
    public String toString() {
        return "ApiKeySecret[tenantId=" + tenantId + ", value=<hidden>]";
    }
}
