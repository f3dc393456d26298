package clipcast.delivery.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The feedback hook's shared secret. */
class FeedbackSecretTest {

    static final String SECRET = "s3cret-for-the-mail-system-42";

    @Test
    void the_secret_as_a_bearer_token_is_accepted_whatever_the_case_of_the_scheme() {
        var secret = InboundSecret.of(SECRET);

        assertThat(secret.check("Bearer " + SECRET)).isEqualTo(InboundSecret.Check.ACCEPTED);
        assertThat(secret.check("bearer  " + SECRET + " ")).isEqualTo(InboundSecret.Check.ACCEPTED);
    }

    @Test
    void another_secret_another_scheme_or_no_header_is_refused() {
        var secret = InboundSecret.of(SECRET);

        assertThat(secret.check("Bearer " + SECRET + "x")).isEqualTo(InboundSecret.Check.REFUSED);
        assertThat(secret.check("Bearer " + SECRET.substring(1))).isEqualTo(InboundSecret.Check.REFUSED);
        assertThat(secret.check("Basic " + SECRET)).isEqualTo(InboundSecret.Check.REFUSED);
        assertThat(secret.check(SECRET)).isEqualTo(InboundSecret.Check.REFUSED);
        assertThat(secret.check("Bearer ")).isEqualTo(InboundSecret.Check.REFUSED);
        assertThat(secret.check(null)).isEqualTo(InboundSecret.Check.REFUSED);
    }

    @Test
    void without_a_configured_secret_nothing_is_accepted() {
        var none = InboundSecret.of("  ");

        assertThat(none.configured()).isFalse();
        assertThat(none.check("Bearer " + SECRET)).isEqualTo(InboundSecret.Check.NOT_CONFIGURED);
        assertThat(none.check(null)).isEqualTo(InboundSecret.Check.NOT_CONFIGURED);
        assertThat(InboundSecret.of(null).configured()).isFalse();
    }

    @Test
    void a_secret_short_enough_to_guess_is_refused_and_none_is_ever_shown() {
        assertThatThrownBy(() -> InboundSecret.of("short-secret")).isInstanceOf(IllegalArgumentException.class);
        assertThat(InboundSecret.of(SECRET).toString()).doesNotContain(SECRET);
    }
}
