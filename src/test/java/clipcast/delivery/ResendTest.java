package clipcast.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.delivery.email.DkimKey;
import clipcast.delivery.email.OutboundEmail;
import clipcast.delivery.email.SmtpEmailTransport;
import clipcast.delivery.email.SmtpSettings;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A confirmation email meets a greylisting relay (a real SMTP conversation on loopback) and is sent again. */
class ResendTest {

    static DkimKey dkim;

    GreylistingRelay relay;
    SmtpEmailTransport transport;
    Resend resend;

    @BeforeAll
    static void makeKey() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        dkim = new DkimKey("clipcast.localhost", "clipcast", (RSAPrivateKey)
                generator.generateKeyPair().getPrivate());
    }

    @AfterEach
    void stop() {
        if (resend != null) {
            resend.close();
        }
        if (transport != null) {
            transport.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    Resend.Result sendThrough(int laterCount, List<Duration> delays) throws Exception {
        relay = new GreylistingRelay(laterCount);
        transport = new SmtpEmailTransport(
                new SmtpSettings("127.0.0.1", relay.port(), null, null, false, 1, Duration.ofSeconds(5)));
        resend = new Resend(delays);
        var done = new CompletableFuture<Resend.Result>();
        var email = confirmation();
        resend.run(() -> transport.send(email, dkim), done::complete);
        return done.get(20, TimeUnit.SECONDS);
    }

    static OutboundEmail confirmation() {
        return OutboundEmail.transactional(
                UUID.randomUUID() + "@clipcast.localhost",
                "no-reply@clipcast.localhost",
                "Corner Bakery via Clipcast",
                null,
                "dora@greylisted.example",
                "Confirm your subscription",
                "Confirm: https://clipcast.example/f/confirm/abc");
    }

    @Test
    void a_greylisted_confirmation_goes_through_at_its_second_attempt_and_only_once() throws Exception {
        var result = sendThrough(1, List.of(Duration.ofMillis(300), Duration.ofMillis(300)));

        assertThat(result.outcome()).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(relay.recipientsSeen()).isEqualTo(2);
        assertThat(relay.delivered()).isEqualTo(1);
    }

    @Test
    void a_relay_that_keeps_saying_later_is_tried_once_per_delay_then_given_up() throws Exception {
        var result = sendThrough(100, List.of(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100)));

        assertThat(result.outcome()).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(relay.recipientsSeen()).isEqualTo(4);
        assertThat(relay.delivered()).isZero();
    }

    @Test
    void a_refusal_is_final_and_not_tried_again() throws Exception {
        var result = sendThrough(-1, List.of(Duration.ofMillis(100), Duration.ofMillis(100)));

        assertThat(result.outcome()).isInstanceOf(SendOutcome.Refused.class);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(relay.recipientsSeen()).isEqualTo(1);
        assertThat(relay.delivered()).isZero();
    }

    @Test
    void stopping_drops_the_sends_waiting_for_their_next_attempt_and_counts_them() throws Exception {
        relay = new GreylistingRelay(100);
        transport = new SmtpEmailTransport(
                new SmtpSettings("127.0.0.1", relay.port(), null, null, false, 1, Duration.ofSeconds(5)));
        resend = new Resend(List.of(Duration.ofHours(1)));
        var finished = new CompletableFuture<Resend.Result>();
        resend.run(() -> transport.send(confirmation(), dkim), finished::complete);
        resend.run(() -> transport.send(confirmation(), dkim), finished::complete);

        assertThat(relay.recipientsSeen()).isEqualTo(2);
        assertThat(resend.stop()).isEqualTo(2);
        assertThat(finished).isNotDone();
    }
}
