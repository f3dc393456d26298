package clipcast.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.delivery.SendOutcome;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real SMTP: GreenMail receives what the transport sends; Apache jDKIM verifies the signature independently. */
class SmtpEmailTransportTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static DkimKey dkim;
    static String publicKeyRecord;

    SmtpEmailTransport transport;

    @BeforeAll
    static void makeKeys() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        dkim = new DkimKey("bakery.example", "cc2026", (RSAPrivateKey) pair.getPrivate());
        publicKeyRecord = "v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    @AfterEach
    void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    SmtpEmailTransport transport() {
        transport = new SmtpEmailTransport(
                new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), null, null, false, 2, Duration.ofSeconds(5)));
        return transport;
    }

    static OutboundEmail anEmail(String to) {
        return new OutboundEmail(
                UUID.randomUUID() + "@bakery.example",
                "offers@bakery.example",
                "Corner Bakery",
                "owner@bakery.example",
                to,
                "Free coffee this Saturday ☕",
                "Free coffee with any pastry.\n\nUnsubscribe: https://clipcast.example/u/abc",
                "<p>Free coffee with any <b>pastry</b>.</p>",
                URI.create("https://clipcast.example/u/abc"),
                "unsubscribe+abc@clipcast.example");
    }

    @Test
    void a_sent_email_arrives_with_unsubscribe_headers_reply_to_message_id_and_both_parts() throws Exception {
        var email = anEmail("ana@example.org");

        var outcome = transport().send(email, dkim);

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        var received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        var message = received[0];
        assertThat(message.getHeader("List-Unsubscribe")[0])
                .isEqualTo("<https://clipcast.example/u/abc>, <mailto:unsubscribe+abc@clipcast.example>");
        assertThat(message.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(message.getHeader("Message-ID")[0]).isEqualTo("<" + email.messageId() + ">");
        assertThat(message.getReplyTo()[0].toString()).isEqualTo("owner@bakery.example");
        assertThat(message.getSubject()).isEqualTo("Free coffee this Saturday ☕");
        var parts = (MimeMultipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    }

    @Test
    void the_dkim_signature_is_relaxed_rsa_sha256_covers_the_unsubscribe_headers_and_verifies() throws Exception {
        transport().send(anEmail("ben@example.org"), dkim);
        var raw = new ByteArrayOutputStream();
        smtp.getReceivedMessages()[0].writeTo(raw);

        var signature = smtp.getReceivedMessages()[0].getHeader("DKIM-Signature")[0].replaceAll("\\s+", "");
        var verifier = new DKIMVerifier((method, selector, domain) -> {
            assertThat(selector.toString()).isEqualTo("cc2026");
            assertThat(domain.toString()).isEqualTo("bakery.example");
            return List.of(publicKeyRecord);
        });
        var verified = verifier.verify(new ByteArrayInputStream(raw.toByteArray()));

        assertThat(verified).hasSize(1);
        assertThat(signature).contains("a=rsa-sha256", "c=relaxed/relaxed", "d=bakery.example");
        var signedHeaders = java.util.Arrays.asList(
                signature.toLowerCase().replaceAll(".*;h=([^;]*);.*", "$1").split(":"));
        assertThat(signedHeaders)
                .contains("list-unsubscribe", "list-unsubscribe-post", "from", "reply-to", "message-id");
    }

    @Test
    void a_tampered_message_fails_verification() throws Exception {
        transport().send(anEmail("cy@example.org"), dkim);
        var raw = new ByteArrayOutputStream();
        smtp.getReceivedMessages()[0].writeTo(raw);
        var tampered =
                raw.toString(java.nio.charset.StandardCharsets.ISO_8859_1).replace("Free coffee", "Free beer!");

        var verifier = new DKIMVerifier((method, selector, domain) -> List.of(publicKeyRecord));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier.verify(
                        new ByteArrayInputStream(tampered.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))))
                .isInstanceOf(FailException.class);
    }

    @Test
    void one_connection_carries_many_messages() throws Exception {
        var pooled = transport();
        for (int i = 0; i < 20; i++) {
            assertThat(pooled.send(anEmail("guest" + i + "@example.org"), dkim))
                    .isInstanceOf(SendOutcome.Accepted.class);
        }

        assertThat(smtp.getReceivedMessages()).hasSize(20);
    }

    @Test
    void an_unreachable_relay_means_retry_later_never_sent() {
        var nowhere =
                new SmtpEmailTransport(new SmtpSettings("127.0.0.1", 1, null, null, false, 1, Duration.ofSeconds(2)));

        assertThat(nowhere.send(anEmail("dee@example.org"), dkim)).isInstanceOf(SendOutcome.RetryLater.class);
        nowhere.close();
    }

    @Test
    void smtp_reply_codes_decide_between_retry_and_refusal() {
        for (int throttled : new int[] {421, 450, 451, 452, 454}) {
            assertThat(SmtpEmailTransport.byReturnCode(throttled, "busy")).isInstanceOf(SendOutcome.RetryLater.class);
        }
        assertThat(SmtpEmailTransport.byReturnCode(550, "no such user")).isInstanceOf(SendOutcome.Refused.class);
    }
}
