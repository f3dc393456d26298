package clipcast.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.compliance.domain.Gsm7Alphabet;
import clipcast.delivery.SendOutcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SMPP against a real peer (jSMPP's server side in the test): submits, concatenation, throttling, replies, rebinding. */
class SmppTransportTest {

    TestSmsc smsc;
    SmppTransport transport;
    final List<String> replies = new CopyOnWriteArrayList<>();
    final List<String> receipts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void bind() throws Exception {
        smsc = new TestSmsc();
        transport = new SmppTransport(
                        new SmppSettings(
                                "127.0.0.1",
                                smsc.port(),
                                "clipcast",
                                "secret",
                                "",
                                10,
                                Duration.ofSeconds(5),
                                Duration.ofMillis(200)),
                        new InboundSms() {
                            @Override
                            public void onMessage(String from, String to, String text) {
                                replies.add(from + "→" + to + ": " + text);
                            }

                            @Override
                            public void onReceipt(String messageId, String state) {
                                receipts.add(messageId + "=" + state);
                            }
                        })
                .start();
        assertThat(smsc.awaitBinds(1)).isTrue();
    }

    @AfterEach
    void unbind() throws Exception {
        transport.close();
        smsc.close();
    }

    @Test
    void a_short_gsm_text_is_one_submit_with_data_coding_0() {
        var outcome = transport.send(
                new OutboundSms("BAKERY", "+33612345678", "Free coffee Sat. €1 off! Reply STOP to opt out"));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(smsc.submitted).singleElement().satisfies(part -> {
            assertThat(part.pdu().getDestAddress()).isEqualTo("33612345678");
            assertThat(part.pdu().getSourceAddr()).isEqualTo("BAKERY");
            assertThat(part.pdu().getDataCoding()).isEqualTo((byte) 0);
            assertThat(Gsm7Alphabet.decode(part.pdu().getShortMessage()))
                    .isEqualTo("Free coffee Sat. €1 off! Reply STOP to opt out");
            assertThat(((SendOutcome.Accepted) outcome).reference()).isEqualTo(part.messageId());
        });
    }

    @Test
    void a_long_ucs2_text_is_concatenated_with_a_user_data_header_and_reassembles() {
        var text = "Café crème offert ☕ ".repeat(8).strip();

        transport.send(new OutboundSms("+15550100", "+33612345678", text));

        var parts = smsc.submitted;
        assertThat(parts).hasSize(3);
        var reassembled = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            var pdu = parts.get(i).pdu();
            var message = pdu.getShortMessage();
            assertThat(GSMSpecificFeature.UDHI.containedIn(pdu.getEsmClass())).isTrue();
            assertThat(pdu.getDataCoding()).isEqualTo((byte) 8);
            assertThat(message[0]).isEqualTo((byte) 5);
            assertThat(message[4]).as("total parts").isEqualTo((byte) 3);
            assertThat(message[5]).as("sequence").isEqualTo((byte) (i + 1));
            assertThat(message[3])
                    .as("same reference")
                    .isEqualTo(parts.get(0).pdu().getShortMessage()[3]);
            assertThat(message.length).isLessThanOrEqualTo(140);
            reassembled.write(message, 6, message.length - 6);
        }
        assertThat(reassembled.toString(StandardCharsets.UTF_16BE)).isEqualTo(text);
    }

    @Test
    void a_throttled_submit_is_retried_later_and_never_counted_as_sent() {
        smsc.throttleNext.set(1);

        var outcome = transport.send(new OutboundSms("BAKERY", "+33612345678", "Hello"));

        assertThat(outcome).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(((SendOutcome.RetryLater) outcome).code()).isEqualTo("0x58");
        assertThat(smsc.submitted).isEmpty();
        assertThat(transport.send(new OutboundSms("BAKERY", "+33612345678", "Hello")))
                .isInstanceOf(SendOutcome.Accepted.class);
    }

    @Test
    void replies_reach_the_inbound_handler_and_receipts_are_mapped_to_the_message() throws Exception {
        var sent = (SendOutcome.Accepted) transport.send(new OutboundSms("BAKERY", "+33612345678", "Hello"));

        smsc.deliver("33612345678", "BAKERY", " stop ");
        smsc.receipt(sent.reference(), DeliveryReceiptState.DELIVRD);

        for (int i = 0; i < 100 && (replies.isEmpty() || receipts.isEmpty()); i++) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(replies).containsExactly("+33612345678→BAKERY:  stop ");
        assertThat(receipts).containsExactly(sent.reference() + "=DELIVRD");
    }

    @Test
    void a_lost_bind_is_reestablished_and_sending_resumes() throws Exception {
        smsc.dropConnection();

        assertThat(smsc.awaitBinds(2)).isTrue();
        for (int i = 0; i < 100 && !transport.bound(); i++) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(transport.send(new OutboundSms("BAKERY", "+33612345678", "Back again")))
                .isInstanceOf(SendOutcome.Accepted.class);
    }

    @Test
    void without_a_bind_a_send_is_retried_later() throws Exception {
        transport.close();

        assertThat(transport.send(new OutboundSms("BAKERY", "+33612345678", "Hello")))
                .isInstanceOf(SendOutcome.RetryLater.class);
    }
}
