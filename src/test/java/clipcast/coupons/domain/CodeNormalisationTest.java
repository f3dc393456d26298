package clipcast.coupons.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CodeNormalisationTest {

    @Test
    void a_typed_code_loses_every_space_and_is_upper_cased() {
        assertThat(CodeFormat.normalise(" spring-7k3q \t x9\r\n")).isEqualTo("SPRING-7K3QX9");
        assertThat(CodeFormat.normalise(null)).isEmpty();
        assertThat(CodeFormat.normalise("\u000B\f")).isEmpty();
    }

    @Test
    void spaces_outside_ascii_are_kept_as_the_regular_expression_kept_them() {
        assertThat(CodeFormat.normalise("ab\u00A0cd\u2003")).isEqualTo("AB\u00A0CD\u2003");
    }

    @Property
    void normalising_by_hand_gives_what_the_regular_expression_gave(@ForAll("typed") String typed) {
        assertThat(CodeFormat.normalise(typed))
                .isEqualTo(typed.replaceAll("\\s+", "").toUpperCase(Locale.ROOT));
    }

    @Provide
    Arbitrary<String> typed() {
        var awkward = Arbitraries.of(' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2028', 'ß', 'i', 'ı', '-');
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings()
                        .withChars("abcXYZ019-#")
                        .withChars(' ', '\t', '\n', '\u000B', '\f', '\r')
                        .ofMaxLength(40),
                awkward.list().ofMaxSize(20).map(cs -> {
                    var b = new StringBuilder();
                    cs.forEach(b::append);
                    return b.toString();
                }));
    }
}
