package clipcast.delivery.push.domain;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.delivery.push.TestBrowser;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushSubscriptionRulesTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final TestBrowser BROWSER = TestBrowser.create();

    static PushSubscriptionRules.Outcome check(String endpoint, boolean allowInsecure) {
        return PushSubscriptionRules.check(endpoint, BROWSER.p256dh(), BROWSER.auth(), null, NOW, allowInsecure);
    }

    static List<FieldProblem> problems(PushSubscriptionRules.Outcome outcome) {
        assertThat(outcome).isInstanceOf(PushSubscriptionRules.Invalid.class);
        return ((PushSubscriptionRules.Invalid) outcome).problems();
    }

    @Test
    void a_browser_subscription_with_an_https_endpoint_is_valid() {
        var outcome = PushSubscriptionRules.check(
                "https://fcm.googleapis.com/fcm/send/abc:def",
                BROWSER.p256dh(),
                BROWSER.auth(),
                NOW.plusSeconds(3600).toEpochMilli(),
                NOW,
                false);

        assertThat(outcome).isInstanceOf(PushSubscriptionRules.Valid.class);
        var valid = (PushSubscriptionRules.Valid) outcome;
        assertThat(valid.endpoint().getHost()).isEqualTo("fcm.googleapis.com");
        assertThat(Base64Url.encode(valid.keys().p256dh())).isEqualTo(BROWSER.p256dh());
        assertThat(valid.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void an_http_endpoint_is_refused_unless_insecure_endpoints_are_allowed() {
        assertThat(problems(check("http://push.example.net/x", false)))
                .containsExactly(new FieldProblem("endpoint", "NOT_HTTPS"));
        assertThat(check("http://push.example.net/x", true)).isInstanceOf(PushSubscriptionRules.Valid.class);
    }

    @Test
    void endpoints_on_local_or_private_hosts_are_refused_unless_insecure_endpoints_are_allowed() {
        for (var endpoint : List.of(
                "https://localhost/push",
                "https://127.0.0.1:8443/push",
                "https://10.0.0.7/push",
                "https://192.168.1.1/push",
                "https://169.254.169.254/latest",
                "https://[::1]/push",
                "https://[fd00::1]/push",
                "https://intranet/push",
                "https://printer.local/push")) {
            assertThat(problems(check(endpoint, false)))
                    .as(endpoint)
                    .containsExactly(new FieldProblem("endpoint", "PRIVATE_ADDRESS"));
        }
        assertThat(check("https://127.0.0.1:8443/push", true)).isInstanceOf(PushSubscriptionRules.Valid.class);
    }

    @Test
    void endpoints_that_are_not_http_urls_are_refused() {
        for (var endpoint : List.of(
                "ftp://push.example.net/x",
                "push.example.net/x",
                "https://user:secret@push.example.net/x",
                "https://push.example.net/x#fragment",
                "https://push example.net/")) {
            assertThat(problems(check(endpoint, true)))
                    .as(endpoint)
                    .containsExactly(new FieldProblem("endpoint", "INVALID_URL"));
        }
        assertThat(problems(check("https://push.example.net/" + "x".repeat(2048), false)))
                .containsExactly(new FieldProblem("endpoint", "TOO_LONG"));
    }

    @Test
    void keys_must_be_base64url_of_the_right_length_and_the_public_key_on_the_curve() {
        var offCurve = Base64.getUrlDecoder().decode(BROWSER.p256dh());
        offCurve[64] ^= 1;
        var compressed = Base64.getUrlDecoder().decode(BROWSER.p256dh());
        compressed[0] = 0x02;

        assertThat(problems(
                        PushSubscriptionRules.check("https://push.example.net/x", "BAAA", "a+b/", null, NOW, false)))
                .containsExactly(
                        new FieldProblem("keys.p256dh", "WRONG_KEY_LENGTH"),
                        new FieldProblem("keys.auth", "NOT_BASE64URL"));
        assertThat(problems(PushSubscriptionRules.check(
                        "https://push.example.net/x", Base64Url.encode(offCurve), BROWSER.auth(), null, NOW, false)))
                .containsExactly(new FieldProblem("keys.p256dh", "NOT_ON_CURVE"));
        assertThat(problems(PushSubscriptionRules.check(
                        "https://push.example.net/x", Base64Url.encode(compressed), BROWSER.auth(), null, NOW, false)))
                .containsExactly(new FieldProblem("keys.p256dh", "NOT_ON_CURVE"));
        assertThat(problems(PushSubscriptionRules.check(
                        "https://push.example.net/x",
                        BROWSER.p256dh(),
                        Base64Url.encode(new byte[15]),
                        null,
                        NOW,
                        false)))
                .containsExactly(new FieldProblem("keys.auth", "WRONG_KEY_LENGTH"));
    }

    @Test
    void padded_base64url_keys_are_accepted() {
        var outcome = PushSubscriptionRules.check(
                "https://push.example.net/x", BROWSER.p256dh() + "=", BROWSER.auth() + "==", null, NOW, false);

        assertThat(outcome).isInstanceOf(PushSubscriptionRules.Valid.class);
    }

    @Test
    void every_problem_is_reported_at_once_including_a_missing_endpoint_and_an_expired_subscription() {
        var outcome =
                PushSubscriptionRules.check(null, null, "", NOW.minusSeconds(1).toEpochMilli(), NOW, false);

        assertThat(problems(outcome))
                .containsExactly(
                        new FieldProblem("endpoint", "REQUIRED"),
                        new FieldProblem("keys.p256dh", "REQUIRED"),
                        new FieldProblem("keys.auth", "REQUIRED"),
                        new FieldProblem("expirationTime", "EXPIRED"));
    }
}
