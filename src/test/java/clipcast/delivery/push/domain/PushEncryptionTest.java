package clipcast.delivery.push.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clipcast.delivery.push.TestBrowser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PushEncryptionTest {

    /** RFC 8291 appendix A: every input fixed, so the body is known byte for byte. */
    static final String PLAINTEXT = "When I grow up, I want to be a watermelon";

    static final String AS_PUBLIC =
            "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    static final String UA_PUBLIC =
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
    static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
            + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
            + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    static byte[] b64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    static SubscriberKeys rfcSubscriber() {
        return SubscriberKeys.of(b64(UA_PUBLIC), b64(AUTH_SECRET));
    }

    static KeyPair rfcSenderKeys() {
        return new KeyPair(P256.publicKey(b64(AS_PUBLIC)).orElseThrow(), P256.privateKey(b64(AS_PRIVATE)));
    }

    @Test
    void the_rfc_8291_example_encrypts_to_exactly_the_published_body() {
        var body = PushEncryption.encrypt(
                PLAINTEXT.getBytes(StandardCharsets.UTF_8), rfcSubscriber(), rfcSenderKeys(), b64(SALT));

        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(body)).isEqualTo(BODY);
    }

    @Test
    void the_rfc_8291_body_decrypts_with_the_user_agents_private_key_in_the_test_browser() throws Exception {
        var browser = new TestBrowser(
                new KeyPair(P256.publicKey(b64(UA_PUBLIC)).orElseThrow(), P256.privateKey(b64(UA_PRIVATE))),
                b64(AUTH_SECRET));

        assertThat(new String(browser.decrypt(b64(BODY)), StandardCharsets.UTF_8))
                .isEqualTo(PLAINTEXT);
    }

    @Test
    void the_header_carries_a_fresh_salt_the_record_size_4096_and_a_fresh_ephemeral_key() {
        var browser = TestBrowser.create();
        var subscriber = SubscriberKeys.of(b64(browser.p256dh()), b64(browser.auth()));
        var random = new SecureRandom();

        var first = PushEncryption.encrypt("hello".getBytes(StandardCharsets.UTF_8), subscriber, random);
        var second = PushEncryption.encrypt("hello".getBytes(StandardCharsets.UTF_8), subscriber, random);

        var header = ByteBuffer.wrap(first);
        header.position(16);
        assertThat(header.getInt()).isEqualTo(4096);
        assertThat(header.get()).isEqualTo((byte) 65);
        assertThat(first).hasSize(86 + 5 + 1 + 16);
        assertThat(Arrays.copyOf(first, 16)).isNotEqualTo(Arrays.copyOf(second, 16));
        assertThat(Arrays.copyOfRange(first, 21, 86)).isNotEqualTo(Arrays.copyOfRange(second, 21, 86));
    }

    @Test
    void a_message_of_the_largest_plaintext_fills_4096_bytes_and_one_byte_more_does_not_fit() throws Exception {
        var browser = TestBrowser.create();
        var subscriber = SubscriberKeys.of(b64(browser.p256dh()), b64(browser.auth()));
        var largest = new byte[PushEncryption.MAX_PLAINTEXT];
        Arrays.fill(largest, (byte) 'a');

        var body = PushEncryption.encrypt(largest, subscriber, new SecureRandom());

        assertThat(PushEncryption.MAX_PLAINTEXT).isEqualTo(3993);
        assertThat(body).hasSize(4096);
        assertThat(browser.decrypt(body)).isEqualTo(largest);
        var tooLarge = new byte[PushEncryption.MAX_PLAINTEXT + 1];
        assertThat(PushEncryption.fits(tooLarge)).isFalse();
        assertThatThrownBy(() -> PushEncryption.encrypt(tooLarge, subscriber, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
