package clipcast.campaigns.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

class TemplateTest {

    @Test
    void known_fields_render_with_their_values_and_fallbacks() {
        var template = Template.of("Hi {{ contact.firstName | friend }}, show {{coupon.code}} ({{contact.lastName}})");

        assertThat(template.problems(true)).isEmpty();
        assertThat(template.render(Map.of("coupon.code", "CAFE-12"), v -> v)).isEqualTo("Hi friend, show CAFE-12 ()");
        assertThat(template.render(Map.of("contact.firstName", "Zoé", "coupon.code", "X"), v -> v))
                .startsWith("Hi Zoé,");
    }

    @Test
    void values_are_escaped_for_html_and_never_read_as_template_syntax() {
        var template = Template.of("Hello {{contact.firstName}}");

        var html =
                template.render(Map.of("contact.firstName", "<script>{{coupon.code}}</script>"), HtmlUtils::htmlEscape);

        assertThat(html).isEqualTo("Hello &lt;script&gt;{{coupon.code}}&lt;/script&gt;");
    }

    @Test
    void unknown_fields_coupon_fields_without_offer_and_broken_braces_are_problems() {
        assertThat(Template.of("{{contact.password}}").problems(true))
                .extracting(Template.Problem::code)
                .containsExactly("UNKNOWN_MERGE_FIELD");
        assertThat(Template.of("{{coupon.url}}").problems(false))
                .extracting(Template.Problem::code)
                .containsExactly("COUPON_FIELD_WITHOUT_OFFER");
        assertThat(Template.of("Hi {{contact.firstName").problems(false))
                .extracting(Template.Problem::code)
                .containsExactly("MALFORMED_MERGE_FIELD");
        assertThat(Template.of("Hi }} there").problems(false))
                .extracting(Template.Problem::code)
                .containsExactly("MALFORMED_MERGE_FIELD");
    }

    @Test
    void without_fields_removes_every_merge_field_for_the_duplicate_check() {
        assertThat(Template.of("Hi {{contact.firstName}}, code {{coupon.code}}!")
                        .withoutFields())
                .isEqualTo("Hi  , code  !");
    }
}
