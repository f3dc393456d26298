package clipcast.delivery.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingTokenTest {

    static final SigningKey KEY = new SigningKey(bytes(32, 7));

    final UUID tenant = UUID.randomUUID();
    final UUID message = UUID.randomUUID();
    final UUID campaign = UUID.randomUUID();

    @Test
    void an_open_token_carries_tenant_message_and_campaign_back() {
        var token = TrackingToken.open(tenant, message, campaign).sign(KEY);

        assertThat(TrackingToken.verify(token, KEY)).contains(TrackingToken.open(tenant, message, campaign));
        assertThat(token).matches("[A-Za-z0-9_-]{87}");
    }

    @Test
    void the_layout_is_the_documented_one_that_bench_tracking_tokens_py_reproduces() {
        var token = TrackingToken.open(new UUID(0, 1), new UUID(0, 2), new UUID(0, 3))
                .sign(new SigningKey(new byte[32]));

        assertThat(token)
                .isEqualTo("AQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAwTaf7xNnPPsA-L3SL7nhCE");
    }

    @Test
    void a_click_token_carries_its_target_back() {
        var target = ClickTarget.parse("https://shop.example/spring?utm_source=clipcast#top")
                .orElseThrow();
        var token = TrackingToken.click(tenant, message, campaign, target).sign(KEY);

        var verified = TrackingToken.verify(token, KEY).orElseThrow();

        assertThat(verified.kind()).isEqualTo(TrackingToken.Kind.CLICK);
        assertThat(verified.target().url()).isEqualTo("https://shop.example/spring?utm_source=clipcast#top");
        assertThat(verified.messageId()).isEqualTo(message);
    }

    @Test
    void a_click_token_whose_target_was_changed_is_refused() {
        var target = ClickTarget.parse("https://shop.example/offer").orElseThrow();
        var raw = decode(TrackingToken.click(tenant, message, campaign, target).sign(KEY));
        var tag = Arrays.copyOfRange(raw, raw.length - 16, raw.length);
        var evil = "https://evil.example/x".getBytes(StandardCharsets.US_ASCII);
        var forged = new byte[49 + evil.length + 16];
        System.arraycopy(raw, 0, forged, 0, 49);
        System.arraycopy(evil, 0, forged, 49, evil.length);
        System.arraycopy(tag, 0, forged, 49 + evil.length, 16);

        assertThat(TrackingToken.verify(encode(forged), KEY)).isEmpty();
    }

    @Test
    void a_token_whose_message_was_changed_is_refused() {
        var raw = decode(TrackingToken.open(tenant, message, campaign).sign(KEY));
        var other = UUID.randomUUID();
        var forged = java.nio.ByteBuffer.wrap(raw.clone());
        forged.position(17);
        forged.putLong(other.getMostSignificantBits()).putLong(other.getLeastSignificantBits());

        assertThat(TrackingToken.verify(encode(forged.array()), KEY)).isEmpty();
    }

    @Test
    void flipping_any_bit_of_a_token_breaks_it() {
        var target = ClickTarget.parse("https://shop.example/a").orElseThrow();
        var raw = decode(TrackingToken.click(tenant, message, campaign, target).sign(KEY));
        for (int i = 0; i < raw.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                var altered = raw.clone();
                altered[i] ^= (byte) (1 << bit);
                assertThat(TrackingToken.verify(encode(altered), KEY))
                        .as("byte %d bit %d", i, bit)
                        .isEmpty();
            }
        }
    }

    @Test
    void a_token_signed_with_another_key_is_refused() {
        var token = TrackingToken.open(tenant, message, campaign).sign(new SigningKey(bytes(32, 8)));

        assertThat(TrackingToken.verify(token, KEY)).isEmpty();
    }

    @Test
    void a_truncated_token_is_refused() {
        var token = TrackingToken.open(tenant, message, campaign).sign(KEY);

        assertThat(TrackingToken.verify(token.substring(0, token.length() - 1), KEY))
                .isEmpty();
        assertThat(TrackingToken.verify(token + "A", KEY)).isEmpty();
    }

    @Property(tries = 500)
    void anything_that_is_not_a_token_verifies_to_nothing_and_never_throws(@ForAll String text) {
        assertThat(TrackingToken.verify(text, KEY)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "javascript:alert(document.cookie)",
                "JaVaScRiPt:alert(1)",
                " javascript:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "vbscript:msgbox(1)",
                "mailto:owner@shop.example",
                "tel:+33123456789",
                "ftp://shop.example/file",
                "/relative/path",
                "relative/path",
                "//evil.example/protocol-relative",
                "\\\\evil.example",
                "https:shop.example",
                "https://",
                "https:///path-only",
                "https://bank.example@evil.example/",
                "https://user:pass@shop.example/",
                "https://shop.example/a b",
                "https://shop.example/\r\nSet-Cookie: x=1"
            })
    void only_absolute_http_and_https_urls_with_a_host_are_trackable(String target) {
        assertThat(TrackingLinks.trackable(target)).isFalse();
    }

    @Test
    void an_overlong_target_is_not_trackable() {
        assertThat(TrackingLinks.trackable("https://shop.example/" + "a".repeat(2048)))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://shop.example",
                "http://shop.example/a?b=c&d=e#f",
                "HTTPS://Shop.Example/Spring",
                "https://[2001:db8::1]:8443/x",
                "https://shop.example:8080/path;params?q=1"
            })
    void absolute_http_and_https_urls_are_trackable_as_they_are(String target) {
        assertThat(ClickTarget.parse(target))
                .hasValueSatisfying(parsed -> assertThat(parsed.url()).isEqualTo(target));
    }

    @Test
    void a_target_with_non_ascii_characters_is_signed_in_its_ascii_form() {
        assertThat(ClickTarget.parse("https://shop.example/café").orElseThrow().url())
                .isEqualTo("https://shop.example/caf%C3%A9");
    }

    private static byte[] bytes(int length, int value) {
        var bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] decode(String token) {
        return Base64.getUrlDecoder().decode(token);
    }

    private static String encode(byte[] raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
