package clipcast.compliance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.StringReader;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ContentScreeningTest {

    final ContentScreening screening = Screenings.standard();

    @Test
    void a_plain_coupon_promotion_passes() {
        assertThat(screening.screen("Free coffee with any pastry this Saturday. Show code SPRING-4821 at the till."))
                .isEmpty();
    }

    @Test
    void vitamins_are_supplements_and_go_to_review_with_the_words_as_written() {
        var findings = screening.screen("20% off Vitamins this week!");

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.category()).isEqualTo(ContentCategory.SUPPLEMENTS);
            assertThat(finding.severity()).isEqualTo(Severity.REVIEW);
            assertThat(finding.excerpt()).isEqualTo("Vitamins");
        });
    }

    @Test
    void leetspeak_spacing_and_accents_do_not_hide_a_word() {
        for (var text : new String[] {"V1agr@ deals", "v i a g r a deals", "v.i.a.g.r.a deals", "VÍAGRA deals"}) {
            assertThat(screening.screen(text))
                    .as(text)
                    .extracting(ContentFinding::category)
                    .containsExactly(ContentCategory.DRUGS_MEDICINE);
        }
    }

    @Test
    void words_match_whole_words_only() {
        assertThat(screening.screen("Our escargot starter is 20% off")).isEmpty();
        assertThat(screening.screen("Visit the Forexample shop")).isEmpty();
        assertThat(screening.screen("Prices from 112 EUR, call 555 0112")).isEmpty();
    }

    @Test
    void link_shorteners_are_blocked_and_real_links_pass() {
        var findings = screening.screen("Deal at https://bit.ly/abc and at https://www.bakery.example/deals");

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.category()).isEqualTo(ContentCategory.LINK_SHORTENER);
            assertThat(finding.excerpt()).isEqualTo("https://bit.ly");
        });
    }

    @Test
    void asking_for_a_pin_by_reply_is_phishing_in_every_language() {
        for (var text : new String[] {
            "Reply with your PIN to claim the coupon",
            "Envoyez votre code PIN pour recevoir le bon",
            "Stuur uw pincode om de korting te krijgen",
            "Senden Sie uns Ihre PIN für den Gutschein"
        }) {
            assertThat(screening.screen(text))
                    .as(text)
                    .extracting(ContentFinding::category)
                    .contains(ContentCategory.PHISHING);
        }
    }

    @Test
    void the_platforms_own_contact_details_are_refused() {
        var guarded = Screenings.withPlatformContacts(new ContentScreening.PlatformContacts(
                Set.of("abuse@clipcast.example"), Set.of("+1 202 555 0199"), Set.of("clipcast.example")));

        assertThat(guarded.screen(
                        "Questions? See clipcast.example/help, write to abuse@clipcast.example or call (202) 555-0199"))
                .extracting(ContentFinding::category)
                .containsOnly(ContentCategory.PLATFORM_CONTACT)
                .hasSize(3);
    }

    @Test
    void a_broken_rules_file_names_the_line() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContentScreening.load(
                        new StringReader("# header\nMLM\tBLOCK\ten\n"),
                        new StringReader(""),
                        ContentScreening.PlatformContacts.none()))
                .withMessageContaining("line 2");
    }

    @Property(tries = 300)
    void any_text_is_screened_without_failing(@ForAll String text) {
        assertThat(screening.screen(text))
                .allSatisfy(finding -> assertThat(text)
                        .containsIgnoringCase(finding.excerpt()
                                .substring(0, Math.min(1, finding.excerpt().length()))));
    }
}
