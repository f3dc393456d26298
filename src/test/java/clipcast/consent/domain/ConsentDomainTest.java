package clipcast.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.consent.Channel;
import clipcast.consent.ConsentEntry;
import clipcast.consent.ConsentInput;
import clipcast.consent.ConsentMethod;
import clipcast.consent.ConsentStatus;
import clipcast.consent.Evidence;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ConsentDomainTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();

    @Test
    void stop_words_in_any_case_with_spaces_opt_out_and_other_texts_are_no_keyword() {
        for (var word : List.of("STOP", " stop ", "StopAll", "END", "cancel", "UNSUBSCRIBE", "quit", "Stop.")) {
            assertThat(SmsKeyword.of(word)).as(word).contains(SmsKeyword.STOP);
        }
        assertThat(SmsKeyword.of("help")).contains(SmsKeyword.HELP);
        assertThat(SmsKeyword.of(" Yes ")).contains(SmsKeyword.START);
        assertThat(SmsKeyword.of("START")).contains(SmsKeyword.START);
        assertThat(SmsKeyword.of("please stop sending")).isEmpty();
        assertThat(SmsKeyword.of("")).isEmpty();
        assertThat(SmsKeyword.of(null)).isEmpty();
    }

    @Property(tries = 500)
    void keyword_parsing_never_fails(@ForAll String text) {
        assertThat(SmsKeyword.of(text)).isNotNull();
    }

    @Test
    void a_grant_without_evidence_text_or_a_web_form_without_url_is_refused() {
        var noEvidence = new ConsentInput(Channel.EMAIL, "marketing", ConsentStatus.GRANTED, ConsentMethod.API, null);
        var noText = new ConsentInput(
                Channel.EMAIL,
                "marketing",
                ConsentStatus.GRANTED,
                ConsentMethod.WEB_FORM,
                new Evidence(" ", null, null, "999.1.1.1", null, null));

        assertThat(ConsentRules.check(noEvidence, ""))
                .extracting(issue -> issue.field() + ":" + issue.code())
                .containsExactly("evidence:EVIDENCE_REQUIRED");
        assertThat(ConsentRules.check(noText, "c."))
                .extracting(issue -> issue.field() + ":" + issue.code())
                .containsExactlyInAnyOrder(
                        "c.evidence.text:EVIDENCE_REQUIRED",
                        "c.evidence.sourceUrl:EVIDENCE_REQUIRED",
                        "c.evidence.ip:INVALID_IP");
    }

    @Test
    void the_current_state_is_the_latest_entry_per_channel_and_purpose() {
        var contact = UUID.randomUUID();
        var ledger = List.of(
                entry(contact, Channel.EMAIL, "marketing", ConsentStatus.GRANTED),
                entry(contact, Channel.SMS, "marketing", ConsentStatus.GRANTED),
                entry(contact, Channel.EMAIL, "marketing", ConsentStatus.WITHDRAWN));

        var current = ConsentState.derive(ledger);

        assertThat(current).hasSize(2);
        assertThat(current.getFirst().status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(current.get(1).granted()).isTrue();
    }

    @Test
    void an_unsubscribe_token_round_trips_and_any_tampering_is_refused() {
        var token = new UnsubscribeToken(UUID.randomUUID(), UUID.randomUUID(), Channel.SMS);
        var signed = token.sign(SECRET);

        assertThat(UnsubscribeToken.verify(signed, SECRET)).contains(token);
        var tampered = (signed.charAt(3) == 'A' ? 'B' : 'A') + "";
        assertThat(UnsubscribeToken.verify(signed.substring(0, 3) + tampered + signed.substring(4), SECRET))
                .isEmpty();
        assertThat(UnsubscribeToken.verify(signed, "another secret of thirty-two bytes!".getBytes()))
                .isEmpty();
    }

    @Property(tries = 500)
    void any_text_is_no_valid_token(@ForAll String text) {
        assertThat(UnsubscribeToken.verify(text, SECRET)).isEmpty();
    }

    @Test
    void the_same_address_always_hashes_the_same_and_channels_differ() {
        var hasher = new AddressHasher(SECRET);
        assertThat(hasher.hash(Channel.EMAIL, "a@b.co")).isEqualTo(hasher.hash(Channel.EMAIL, "a@b.co"));
        assertThat(hasher.hash(Channel.EMAIL, "a@b.co")).isNotEqualTo(hasher.hash(Channel.SMS, "a@b.co"));
    }

    @Test
    void numbers_as_an_smsc_reports_them_become_e164() {
        assertThat(SmsAddress.e164("33612345678")).contains("+33612345678");
        assertThat(SmsAddress.e164("+1 212 555 0123")).contains("+12125550123");
        assertThat(SmsAddress.e164("HELLO")).isEmpty();
    }

    private static ConsentEntry entry(UUID contact, Channel channel, String purpose, ConsentStatus status) {
        return new ConsentEntry(
                UUID.randomUUID(),
                contact,
                channel,
                purpose,
                status,
                ConsentMethod.API,
                new Evidence("text", null, null, null, null, Instant.EPOCH),
                null,
                null,
                null,
                null,
                Instant.EPOCH);
    }
}
