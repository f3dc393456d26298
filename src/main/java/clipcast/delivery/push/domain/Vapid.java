package clipcast.delivery.push.domain;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * Voluntary Application Server Identification (RFC 8292): a JWT signed with ES256 whose audience is the origin of
 * the push endpoint, which expires within 24 hours and names a contact ({@code mailto:} or {@code https:}), sent
 * with the public key as {@code Authorization: vapid t=<jwt>, k=<key>}.
 */
public final class Vapid {

    /** Push services refuse tokens valid for longer (RFC 8292 section 2). */
    public static final Duration MAX_VALIDITY = Duration.ofHours(24);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEADER =
            Base64Url.encode("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));

    private Vapid() {}

    /** The {@code Authorization} header value for one request to {@code endpoint}. */
    public static String authorization(
            VapidKeyPair keys, URI endpoint, String subject, Instant now, Duration validity) {
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("A VAPID token is valid for up to 24 hours, not " + validity);
        }
        var token = token(keys, audience(endpoint), subject, now.plus(validity));
        return "vapid t=" + token + ", k=" + keys.publicKeyBase64Url();
    }

    /** The origin of a URL: scheme, host and a port that is not the scheme's default (RFC 6454). */
    public static String audience(URI endpoint) {
        var scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        var host = endpoint.getHost().toLowerCase(Locale.ROOT);
        int port = endpoint.getPort();
        boolean defaultPort =
                port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    static String token(VapidKeyPair keys, String audience, String subject, Instant expiresAt) {
        var claims = JSON.createObjectNode();
        claims.put("aud", audience);
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("sub", subject);
        var signingInput = HEADER + "." + Base64Url.encode(JSON.writeValueAsBytes(claims));
        return signingInput + "." + Base64Url.encode(sign(keys, signingInput));
    }

    /** ES256 in the JWS form: the raw 64-byte {@code r || s}, not DER (RFC 7518 section 3.4). */
    private static byte[] sign(VapidKeyPair keys, String signingInput) {
        try {
            var signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(keys.privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a VAPID token", e);
        }
    }
}
