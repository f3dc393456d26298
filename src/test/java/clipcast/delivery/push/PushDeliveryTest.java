package clipcast.delivery.push;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.delivery.SendOutcome;
import clipcast.delivery.push.domain.PushAttempt;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushDeliveryTest {

    static final Instant SOON = Instant.parse("2026-03-01T10:02:00Z");
    static final Instant LATER = Instant.parse("2026-03-01T10:10:00Z");

    @Test
    void any_acceptance_makes_the_message_accepted() {
        var delivery = PushDelivery.of(List.of(
                new PushAttempt.RetryLater("429", "busy", SOON),
                new PushAttempt.Accepted("https://push.example.net/m/1"),
                new PushAttempt.Gone(410)));

        assertThat(delivery.outcome()).isEqualTo(new SendOutcome.Accepted("https://push.example.net/m/1"));
        assertThat(delivery.accepted()).isEqualTo(1);
        assertThat(delivery.retrying()).isEqualTo(1);
        assertThat(delivery.gone()).isEqualTo(1);
    }

    @Test
    void without_acceptance_any_retry_makes_it_retry_later_after_the_latest_retry_after() {
        var delivery = PushDelivery.of(List.of(
                new PushAttempt.Refused("400", "bad"),
                new PushAttempt.RetryLater("429", "busy", SOON),
                new PushAttempt.RetryLater("503", "down", LATER)));

        assertThat(delivery.outcome()).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(((SendOutcome.RetryLater) delivery.outcome()).code()).isEqualTo("429");
        assertThat(delivery.retryNotBefore()).isEqualTo(LATER);
    }

    @Test
    void only_refusals_make_it_refused_and_only_gone_subscriptions_make_it_no_subscription() {
        assertThat(PushDelivery.of(List.of(new PushAttempt.Refused("413", "too large"), new PushAttempt.Gone(404)))
                        .outcome())
                .isEqualTo(new SendOutcome.Refused("413", "too large"));
        var allGone = PushDelivery.of(List.of(new PushAttempt.Gone(404), new PushAttempt.Gone(410)));
        assertThat(((SendOutcome.Refused) allGone.outcome()).code()).isEqualTo(PushDelivery.NO_SUBSCRIPTION);
        assertThat(allGone.gone()).isEqualTo(2);
        assertThat(((SendOutcome.Refused) PushDelivery.of(List.of()).outcome()).code())
                .isEqualTo(PushDelivery.NO_SUBSCRIPTION);
    }
}
