package clipcast.delivery.push.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class VapidTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final VapidKeyPair KEYS = VapidKeyPair.generate(new SecureRandom());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void the_authorization_carries_an_es256_token_for_the_endpoints_origin_and_the_public_key() throws Exception {
        var header = Vapid.authorization(
                KEYS,
                URI.create("https://updates.push.services.mozilla.com/wpush/v2/gAAAA"),
                "mailto:ops@bakery.example",
                NOW,
                Duration.ofHours(12));

        assertThat(header).matches("vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=[\\w-]+");
        var token = header.substring("vapid t=".length(), header.indexOf(','));
        var key = header.substring(header.indexOf("k=") + 2);
        assertThat(key).isEqualTo(KEYS.publicKeyBase64Url());
        var parts = token.split("\\.");
        var jose = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        var claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(jose.get("alg").asString()).isEqualTo("ES256");
        assertThat(jose.get("typ").asString()).isEqualTo("JWT");
        assertThat(claims.get("aud").asString()).isEqualTo("https://updates.push.services.mozilla.com");
        assertThat(claims.get("exp").asLong())
                .isEqualTo(NOW.plus(Duration.ofHours(12)).getEpochSecond());
        assertThat(claims.get("sub").asString()).isEqualTo("mailto:ops@bakery.example");
        var signature = Base64.getUrlDecoder().decode(parts[2]);
        assertThat(signature).hasSize(64);
        var verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(P256.publicKey(Base64.getUrlDecoder().decode(key)).orElseThrow());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void the_audience_is_the_origin_without_path_and_without_a_default_port() {
        assertThat(Vapid.audience(URI.create("https://fcm.googleapis.com/fcm/send/x?y=1")))
                .isEqualTo("https://fcm.googleapis.com");
        assertThat(Vapid.audience(URI.create("https://Web.Push.Apple.com:443/QGd")))
                .isEqualTo("https://web.push.apple.com");
        assertThat(Vapid.audience(URI.create("https://push.example.net:8443/x")))
                .isEqualTo("https://push.example.net:8443");
        assertThat(Vapid.audience(URI.create("http://127.0.0.1:9000/push/1"))).isEqualTo("http://127.0.0.1:9000");
    }

    @Test
    void a_token_is_valid_for_at_most_24_hours() {
        var endpoint = URI.create("https://push.example.net/x");

        assertThat(Vapid.authorization(KEYS, endpoint, "mailto:a@b.example", NOW, Duration.ofHours(24)))
                .startsWith("vapid ");
        assertThatThrownBy(() -> Vapid.authorization(
                        KEYS,
                        endpoint,
                        "mailto:a@b.example",
                        NOW,
                        Duration.ofHours(24).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_private_key_survives_storage_and_never_shows_in_text() {
        var stored = VapidKeyPair.of(KEYS.publicKeyBytes(), KEYS.privateKeyPkcs8());
        var privateScalar = KEYS.privateKey().getS().toString(16);

        assertThat(stored.publicKeyBase64Url()).isEqualTo(KEYS.publicKeyBase64Url());
        assertThat(stored.privateKey().getS()).isEqualTo(KEYS.privateKey().getS());
        assertThat(KEYS.toString())
                .contains("<hidden>")
                .doesNotContain(privateScalar)
                .doesNotContain(Base64.getEncoder().encodeToString(KEYS.privateKeyPkcs8()));
    }

    @Test
    void subscriber_keys_hide_the_auth_secret_in_text() {
        var browser = clipcast.delivery.push.TestBrowser.create();
        var keys = SubscriberKeys.of(
                Base64.getUrlDecoder().decode(browser.p256dh()),
                Base64.getUrlDecoder().decode(browser.auth()));

        assertThat(keys.toString()).contains(browser.p256dh()).doesNotContain(browser.auth());
    }
}
