package clipcast.compliance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Gsm7AlphabetTest {

    @Test
    void basic_and_extension_characters_have_their_gsm_codes() {
        assertThat(Gsm7Alphabet.encode("@A€")).containsExactly(0x00, 0x41, 0x1B, 0x65);
        assertThat(Gsm7Alphabet.encode("{}")).containsExactly(0x1B, 0x28, 0x1B, 0x29);
    }

    @Property
    void every_gsm_text_decodes_to_itself(@ForAll("gsmText") String text) {
        assertThat(Gsm7Alphabet.decode(Gsm7Alphabet.encode(text))).isEqualTo(text);
        assertThat(Gsm7Alphabet.encode(text)).hasSize(SmsText.of(text).units());
    }

    @Provide
    Arbitrary<String> gsmText() {
        var alphabet = (Gsm7Alphabet.BASIC.replace("\u001B", "") + "\f^{}\\[~]|€").toCharArray();
        return Arbitraries.strings().withChars(alphabet).ofMaxLength(400);
    }
}
