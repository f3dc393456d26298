package clipcast.coupons.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CodeGeneratorTest {

    @Provide
    Arbitrary<CodeFormat> formats() {
        var alphabets = Arbitraries.of(
                CodeAlphabet.DEFAULT,
                new CodeAlphabet("0123456789"),
                new CodeAlphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
                new CodeAlphabet("ACDEFHJKMNPRTUVWXY34679"),
                new CodeAlphabet("AB12"));
        var patterns = Arbitraries.of(null, "*****-*****", "SPRING-*##*-??*?", "??-***-**", "**********");
        return Combinators.combine(
                        alphabets,
                        patterns,
                        Arbitraries.integers().between(4, 20),
                        Arbitraries.of("", "X-", "WINTER"),
                        Arbitraries.of(true, false))
                .as((alphabet, pattern, length, prefix, check) -> {
                    try {
                        return new CodeFormat(prefix, pattern, length, alphabet, check);
                    } catch (IllegalArgumentException e) {
                        return new CodeFormat(prefix, null, length, alphabet, check);
                    }
                });
    }

    @Property
    void every_code_has_the_format_and_draws_only_from_the_alphabet(
            @ForAll("formats") CodeFormat format, @ForAll long seed) {
        var generator = new CodeGenerator(format, new Random(seed));
        for (int i = 0; i < 20; i++) {
            var code = generator.next();
            assertThat(code).hasSize(format.codeLength()).startsWith(format.prefix());
            assertThat(format.accepts(code)).as(code).isTrue();
            var template = format.template();
            for (int p = 0; p < template.length(); p++) {
                char t = template.charAt(p);
                char c = code.charAt(format.prefix().length() + p);
                switch (t) {
                    case '#' -> assertThat(format.alphabet().digits()).contains(String.valueOf(c));
                    case '?' -> assertThat(format.alphabet().letters()).contains(String.valueOf(c));
                    case '*' -> assertThat(format.alphabet().characters()).contains(String.valueOf(c));
                    default -> assertThat(c).isEqualTo(t);
                }
            }
        }
    }

    @Property
    void the_check_character_catches_every_single_character_typo(
            @ForAll("formats") CodeFormat anyFormat,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 100) int position,
            @ForAll @IntRange(min = 0, max = 200) int replacement) {
        var format =
                new CodeFormat(anyFormat.prefix(), anyFormat.pattern(), anyFormat.length(), anyFormat.alphabet(), true);
        var code = new CodeGenerator(format, new Random(seed)).next();
        int at = position % code.length();
        var characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
        char typo = characters.charAt(replacement % characters.length());
        if (typo == code.charAt(at)) {
            typo = characters.charAt((replacement + 1) % characters.length());
        }
        var mistyped = code.substring(0, at) + typo + code.substring(at + 1);

        assertThat(format.accepts(mistyped))
                .as("%s typed as %s", code, mistyped)
                .isFalse();
    }

    @Test
    void every_single_character_typo_of_one_code_is_caught_exhaustively() {
        var format = new CodeFormat("", null, 10, CodeAlphabet.DEFAULT, true);
        var code = new CodeGenerator(format, new Random(7)).next();
        for (int at = 0; at < code.length(); at++) {
            for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray()) {
                if (c != code.charAt(at)) {
                    var typo = code.substring(0, at) + c + code.substring(at + 1);
                    assertThat(format.accepts(typo)).as(typo).isFalse();
                }
            }
        }
    }

    @Test
    void the_default_alphabet_has_no_look_alikes() {
        assertThat(CodeAlphabet.DEFAULT.characters()).doesNotContain("0", "O", "1", "I", "L");
    }

    @Test
    void a_code_space_below_a_million_per_code_is_too_small() {
        var six = new CodeFormat("", null, 6, CodeAlphabet.DEFAULT, false);

        assertThat(six.codeSpace()).isEqualTo(java.math.BigInteger.valueOf(31).pow(6));
        assertThat(six.isLargeEnoughFor(887)).isTrue();
        assertThat(six.isLargeEnoughFor(888)).isFalse();
    }

    @Test
    void patterns_asking_for_characters_the_alphabet_lacks_are_refused() {
        assertThatThrownBy(() -> new CodeFormat("", "####", null, new CodeAlphabet("ABCDEF"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digits");
        assertThatThrownBy(() -> new CodeAlphabet("ab")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CodeFormat("", "SPRING", null, null, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
