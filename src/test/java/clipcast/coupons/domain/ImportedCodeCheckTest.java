package clipcast.coupons.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ImportedCodeCheckTest {

    private final ImportedCodeCheck anyCode = new ImportedCodeCheck(CodeFormat.standard());

    @Test
    void a_row_gives_its_code_normalised() {
        assertThat(anyCode.check(" ext-0001 ")).isEqualTo(new ImportedCodeCheck.Accepted("EXT-0001"));
    }

    @Test
    void an_empty_row_is_REQUIRED() {
        assertThat(anyCode.check("")).isEqualTo(new ImportedCodeCheck.Rejected(CodeImportProblem.REQUIRED));
        assertThat(anyCode.check(" \t")).isEqualTo(new ImportedCodeCheck.Rejected(CodeImportProblem.REQUIRED));
        assertThat(anyCode.check(null)).isEqualTo(new ImportedCodeCheck.Rejected(CodeImportProblem.REQUIRED));
    }

    @Test
    void a_code_too_short_too_long_or_with_other_characters_is_INVALID_FORMAT() {
        for (var wrong : new String[] {"ABC", "A".repeat(65), "AB_CD", "ÄBCD", "AB\u0000CD", "AB\"CD"}) {
            assertThat(anyCode.check(wrong))
                    .as(wrong)
                    .isEqualTo(new ImportedCodeCheck.Rejected(CodeImportProblem.INVALID_FORMAT));
        }
        assertThat(anyCode.check("A".repeat(64))).isInstanceOf(ImportedCodeCheck.Accepted.class);
    }

    @Test
    void with_a_check_character_a_typo_is_INVALID_CHECK_CHARACTER() {
        var format = new CodeFormat("", null, 8, CodeAlphabet.DEFAULT, true);
        var code = new CodeGenerator(format, new Random(3)).next();
        var characters = CodeAlphabet.DEFAULT.characters();
        var last = code.charAt(code.length() - 1);
        var typo = code.substring(0, code.length() - 1)
                + characters.charAt((characters.indexOf(last) + 1) % characters.length());
        var check = new ImportedCodeCheck(format);

        assertThat(check.check(code)).isEqualTo(new ImportedCodeCheck.Accepted(code));
        assertThat(check.check(typo))
                .isEqualTo(new ImportedCodeCheck.Rejected(CodeImportProblem.INVALID_CHECK_CHARACTER));
        assertThat(anyCode.check(typo)).isEqualTo(new ImportedCodeCheck.Accepted(typo));
    }

    @Property
    void well_formed_by_hand_is_what_the_regular_expression_said(@ForAll("codes") String code) {
        assertThat(CodeFormat.isWellFormed(code)).isEqualTo(code.matches("[A-Z0-9-]{4,64}"));
    }

    @Provide
    Arbitrary<String> codes() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(70),
                Arbitraries.strings()
                        .withChars("AZaz09-_/@[`{:")
                        .withChars('\u00C4', '\u0130', ' ')
                        .ofMaxLength(70));
    }
}
