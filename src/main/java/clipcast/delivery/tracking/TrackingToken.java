package clipcast.delivery.tracking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an open pixel or click link carries: tenant, message and campaign, and for a click its target, signed with
 * the platform's tracking key (HMAC-SHA-256, 128 bits kept), base64url without padding. The target travels in the
 * token rather than in a table: answering a click needs no database read, on any node, and nobody can change where a
 * link leads without breaking its signature. Tokens do not expire: a link in an old message keeps working.
 *
 * <p>Layout: one byte for the kind (1 open, 2 click; a new layout takes new numbers), three UUIDs of 16 bytes, the
 * target's ASCII bytes for a click, then the 16-byte tag.
 *
 * @param target the click target; null for an open
 */
record TrackingToken(Kind kind, UUID tenantId, UUID messageId, UUID campaignId, ClickTarget target) {

    enum Kind {
        OPEN,
        CLICK
    }

    private static final int IDS = 1 + 3 * 16;
    private static final int OPEN_LENGTH = IDS + SigningKey.TAG_LENGTH;
    private static final int MAX_TEXT_LENGTH = (OPEN_LENGTH + ClickTarget.MAX_LENGTH) * 4 / 3 + 4;

    TrackingToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(campaignId, "campaignId");
        if ((kind == Kind.CLICK) != (target != null)) {
            throw new IllegalArgumentException("A click has a target, an open has none");
        }
    }

    static TrackingToken open(UUID tenantId, UUID messageId, UUID campaignId) {
        return new TrackingToken(Kind.OPEN, tenantId, messageId, campaignId, null);
    }

    static TrackingToken click(UUID tenantId, UUID messageId, UUID campaignId, ClickTarget target) {
        return new TrackingToken(Kind.CLICK, tenantId, messageId, campaignId, target);
    }

    String sign(SigningKey key) {
        var targetBytes = target == null ? new byte[0] : target.url().getBytes(StandardCharsets.US_ASCII);
        var buffer = ByteBuffer.allocate(IDS + targetBytes.length + SigningKey.TAG_LENGTH)
                .put((byte) (kind == Kind.OPEN ? 1 : 2));
        put(buffer, tenantId);
        put(buffer, messageId);
        put(buffer, campaignId);
        buffer.put(targetBytes);
        var bytes = buffer.array();
        buffer.put(key.tag(bytes, buffer.position()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token this text is when its tag is right; empty for anything else, forged, altered or malformed. */
    static Optional<TrackingToken> verify(String text, SigningKey key) {
        if (text == null || text.length() < OPEN_LENGTH * 4 / 3 || text.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length < OPEN_LENGTH
                || !(raw[0] == 1 && raw.length == OPEN_LENGTH || raw[0] == 2 && raw.length > OPEN_LENGTH)) {
            return Optional.empty();
        }
        if (!key.verify(raw)) {
            return Optional.empty();
        }
        var buffer = ByteBuffer.wrap(raw, 1, raw.length - 1);
        var tenant = new UUID(buffer.getLong(), buffer.getLong());
        var message = new UUID(buffer.getLong(), buffer.getLong());
        var campaign = new UUID(buffer.getLong(), buffer.getLong());
        if (raw[0] == 1) {
            return Optional.of(open(tenant, message, campaign));
        }
        var url = new String(raw, IDS, raw.length - OPEN_LENGTH, StandardCharsets.US_ASCII);
        // Signed by us, so canonical already; checked again so that a leaked key still cannot redirect to javascript:
        return ClickTarget.parse(url)
                .filter(target -> target.url().equals(url))
                .map(target -> click(tenant, message, campaign, target));
    }

    private static void put(ByteBuffer buffer, UUID id) {
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }
}
