package clipcast.compliance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.compliance.domain.SmsText.Encoding;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    @Test
    void plain_text_is_gsm7_and_fits_160_septets_in_one_segment() {
        assertThat(SmsText.of("a".repeat(160))).isEqualTo(new SmsText(Encoding.GSM_7, 160, 1));
        assertThat(SmsText.of("a".repeat(161))).isEqualTo(new SmsText(Encoding.GSM_7, 161, 2));
        assertThat(SmsText.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsText.of("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extension_characters_cost_two_septets_and_never_split_across_segments() {
        assertThat(SmsText.of("€5 off {today}")).isEqualTo(new SmsText(Encoding.GSM_7, 17, 1));
        // 152 plain septets then a euro sign: the escape pair does not fit in segment one's last septet.
        assertThat(SmsText.of("a".repeat(152) + "€" + "a".repeat(10)).segments())
                .isEqualTo(2);
        assertThat(SmsText.of("a".repeat(152) + "€" + "a".repeat(152)).segments())
                .isEqualTo(3);
    }

    @Test
    void accented_letters_outside_gsm_make_it_ucs2_with_70_and_67_unit_segments() {
        assertThat(SmsText.of("Café: -20 % ç").encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(SmsText.of("ç".repeat(70))).isEqualTo(new SmsText(Encoding.UCS_2, 70, 1));
        assertThat(SmsText.of("ç".repeat(71))).isEqualTo(new SmsText(Encoding.UCS_2, 71, 2));
        assertThat(SmsText.of("ç".repeat(134)).segments()).isEqualTo(2);
    }

    @Test
    void an_emoji_takes_two_units_and_is_not_split() {
        var text = "ç".repeat(66) + "🎉" + "ç".repeat(5);
        assertThat(SmsText.of(text)).isEqualTo(new SmsText(Encoding.UCS_2, 73, 2));
    }

    @Property
    void segments_always_hold_every_unit(@ForAll @StringLength(max = 1000) String text) {
        var sms = SmsText.of(text);
        int perSegment = sms.encoding() == Encoding.GSM_7 ? 153 : 67;
        if (sms.segments() > 1) {
            assertThat(sms.segments() * perSegment).isGreaterThanOrEqualTo(sms.units());
            assertThat((sms.segments() - 1) * perSegment).isLessThan(sms.units() + sms.segments());
        }
    }
}
