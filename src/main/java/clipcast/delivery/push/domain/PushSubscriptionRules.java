package clipcast.delivery.push.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a browser's push subscription must be to be stored: an https endpoint on a public host (http and local
 * hosts only where insecure endpoints are allowed, for tests and development), a P-256 public key as a 65-byte
 * uncompressed point that lies on the curve, a 16-byte auth secret, and an expiry that has not passed.
 */
public final class PushSubscriptionRules {

    public static final int MAX_ENDPOINT_LENGTH = 2048;

    private PushSubscriptionRules() {}

    public sealed interface Outcome permits Valid, Invalid {}

    /** @param expiresAt when the browser says the subscription ends, null when it does not say */
    public record Valid(URI endpoint, SubscriberKeys keys, Instant expiresAt) implements Outcome {}

    /** Every problem found, not just the first. */
    public record Invalid(List<FieldProblem> problems) implements Outcome {}

    /**
     * Checks a subscription as the browser's {@code PushSubscription.toJSON()} gives it.
     *
     * @param expirationTime milliseconds since the epoch, or null
     */
    public static Outcome check(
            String endpoint, String p256dh, String auth, Long expirationTime, Instant now, boolean allowInsecure) {
        var problems = new ArrayList<FieldProblem>();
        var uri = endpoint(endpoint, allowInsecure, problems);
        var publicKey = key(p256dh, "keys.p256dh", P256.UNCOMPRESSED_LENGTH, problems);
        var secret = key(auth, "keys.auth", SubscriberKeys.AUTH_SECRET_LENGTH, problems);
        var point = publicKey == null ? null : P256.publicKey(publicKey).orElse(null);
        if (publicKey != null && point == null) {
            problems.add(new FieldProblem("keys.p256dh", "NOT_ON_CURVE"));
        }
        Instant expiresAt = expirationTime == null ? null : Instant.ofEpochMilli(expirationTime);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            problems.add(new FieldProblem("expirationTime", "EXPIRED"));
        }
        return problems.isEmpty()
                ? new Valid(uri, new SubscriberKeys(point, secret), expiresAt)
                : new Invalid(List.copyOf(problems));
    }

    private static URI endpoint(String text, boolean allowInsecure, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem("endpoint", "REQUIRED"));
            return null;
        }
        var stripped = text.strip();
        if (stripped.length() > MAX_ENDPOINT_LENGTH) {
            problems.add(new FieldProblem("endpoint", "TOO_LONG"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(stripped);
        } catch (URISyntaxException e) {
            problems.add(new FieldProblem("endpoint", "INVALID_URL"));
            return null;
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            problems.add(new FieldProblem("endpoint", "INVALID_URL"));
            return null;
        }
        if (allowInsecure) {
            return uri;
        }
        if (scheme.equals("http")) {
            problems.add(new FieldProblem("endpoint", "NOT_HTTPS"));
            return null;
        }
        if (EndpointHosts.isPrivateByName(uri.getHost())) {
            problems.add(new FieldProblem("endpoint", "PRIVATE_ADDRESS"));
            return null;
        }
        return uri;
    }

    private static byte[] key(String text, String field, int length, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem(field, "REQUIRED"));
            return null;
        }
        var bytes = Base64Url.decode(text);
        if (bytes.isEmpty()) {
            problems.add(new FieldProblem(field, "NOT_BASE64URL"));
            return null;
        }
        if (bytes.get().length != length) {
            problems.add(new FieldProblem(field, "WRONG_KEY_LENGTH"));
            return null;
        }
        return bytes.get();
    }
}
