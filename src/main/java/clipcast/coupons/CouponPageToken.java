package clipcast.coupons;

import clipcast.tenancy.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The token in a coupon page address ({@code /c/{token}}): the tenant id and the code, base64url. The code is the
 * secret (unguessable by construction); the tenant id lets the public page find whose code it is.
 */
final class CouponPageToken {

    private CouponPageToken() {}

    static String of(TenantId tenant, String code) {
        var codeBytes = code.getBytes(StandardCharsets.US_ASCII);
        var buffer = ByteBuffer.allocate(16 + codeBytes.length);
        buffer.putLong(tenant.value().getMostSignificantBits())
                .putLong(tenant.value().getLeastSignificantBits())
                .put(codeBytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    record Parsed(TenantId tenant, String code) {}

    static Optional<Parsed> parse(String token) {
        if (token == null || token.length() < 23 || token.length() > 200) {
            return Optional.empty();
        }
        try {
            var bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length < 17) {
                return Optional.empty();
            }
            var buffer = ByteBuffer.wrap(bytes);
            var tenant = new TenantId(new UUID(buffer.getLong(), buffer.getLong()));
            var code = new String(bytes, 16, bytes.length - 16, StandardCharsets.US_ASCII);
            if (!code.matches("[A-Z0-9-]{1,100}")) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(tenant, code));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
