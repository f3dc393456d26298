package clipcast.consent.domain;

import clipcast.consent.Channel;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a preference page link: tenant, contact and channel, signed with HMAC-SHA-256 (128 bits kept),
 * so nobody can forge a link to another person's preferences. It does not expire: an unsubscribe link in an old
 * message must keep working.
 */
public record UnsubscribeToken(UUID tenantId, UUID contactId, Channel channel) {

    private static final int PAYLOAD = 33;
    private static final int SIGNATURE = 16;

    public String sign(byte[] secret) {
        var payload = ByteBuffer.allocate(PAYLOAD)
                .putLong(tenantId.getMostSignificantBits())
                .putLong(tenantId.getLeastSignificantBits())
                .putLong(contactId.getMostSignificantBits())
                .putLong(contactId.getLeastSignificantBits())
                .put((byte) channel.ordinal())
                .array();
        var token = ByteBuffer.allocate(PAYLOAD + SIGNATURE)
                .put(payload)
                .put(mac(secret, payload))
                .array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The token this text is, when its signature is right; empty for anything else. */
    public static Optional<UnsubscribeToken> verify(String text, byte[] secret) {
        if (text == null || text.length() > 100) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != PAYLOAD + SIGNATURE) {
            return Optional.empty();
        }
        var payload = Arrays.copyOf(raw, PAYLOAD);
        var signature = Arrays.copyOfRange(raw, PAYLOAD, raw.length);
        if (!MessageDigest.isEqual(signature, mac(secret, payload))) {
            return Optional.empty();
        }
        var buffer = ByteBuffer.wrap(payload);
        var tenant = new UUID(buffer.getLong(), buffer.getLong());
        var contact = new UUID(buffer.getLong(), buffer.getLong());
        int channel = buffer.get();
        if (channel < 0 || channel >= Channel.values().length) {
            return Optional.empty();
        }
        return Optional.of(new UnsubscribeToken(tenant, contact, Channel.values()[channel]));
    }

    private static byte[] mac(byte[] secret, byte[] payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update("unsubscribe:".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return Arrays.copyOf(mac.doFinal(payload), SIGNATURE);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
