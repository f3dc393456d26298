package clipcast.delivery.push.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PushAttemptTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    static PushAttempt answer(int status) {
        return PushAttempt.fromResponse(status, null, null, null, NOW);
    }

    @Test
    void created_or_accepted_is_accepted_with_the_message_location() {
        assertThat(PushAttempt.fromResponse(201, "https://push.example.net/m/1", null, null, NOW))
                .isEqualTo(new PushAttempt.Accepted("https://push.example.net/m/1"));
        assertThat(answer(202)).isEqualTo(new PushAttempt.Accepted(""));
    }

    @Test
    void not_found_and_gone_mean_the_subscription_is_gone() {
        assertThat(answer(404)).isEqualTo(new PushAttempt.Gone(404));
        assertThat(answer(410)).isEqualTo(new PushAttempt.Gone(410));
    }

    @Test
    void too_many_requests_and_server_errors_mean_retry_later() {
        for (int status : new int[] {429, 500, 502, 503}) {
            assertThat(answer(status)).as("%d", status).isInstanceOf(PushAttempt.RetryLater.class);
        }
    }

    @Test
    void bad_request_too_large_and_a_wrong_vapid_key_are_refusals_that_say_why() {
        assertThat(PushAttempt.fromResponse(400, null, null, "{\"reason\":\"BadJwtToken\"}", NOW))
                .isEqualTo(new PushAttempt.Refused("400", "Push service answered 400: {\"reason\":\"BadJwtToken\"}"));
        assertThat(answer(413)).isInstanceOf(PushAttempt.Refused.class);
        assertThat(answer(403)).isInstanceOf(PushAttempt.Refused.class);
    }

    @Test
    void retry_after_is_read_as_seconds_or_as_an_http_date() {
        var seconds = (PushAttempt.RetryLater) PushAttempt.fromResponse(429, null, "120", null, NOW);
        var date = (PushAttempt.RetryLater)
                PushAttempt.fromResponse(503, null, "Sun, 01 Mar 2026 11:00:00 GMT", null, NOW);
        var nonsense = (PushAttempt.RetryLater) PushAttempt.fromResponse(503, null, "soon", null, NOW);

        assertThat(seconds.notBefore()).isEqualTo(NOW.plusSeconds(120));
        assertThat(seconds.code()).isEqualTo("429");
        assertThat(date.notBefore()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(nonsense.notBefore()).isNull();
    }
}
