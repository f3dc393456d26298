package clipcast.campaigns.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written scans give exactly what the regular expressions they replace gave, on hostile text too. */
class PlainTextHtmlTest {

    /**
     * {@code \R\s*\R} with its first line break atomic: the plain expression let {@code \R} give back the LF of a CRLF,
     * so that a single CRLF (what a browser form sends for every line break) split paragraphs.
     */
    private static final Pattern PARAGRAPH_BREAK =
            Pattern.compile("(?>\\r\\n|[\\n\\x0B\\f\\r\\u0085\\u2028\\u2029])\\s*\\R");

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<]+");
    private static final Pattern LINE_END = Pattern.compile("\\R");

    @Test
    void paragraphs_links_and_line_breaks_of_an_ordinary_email() {
        var text = "Hello Ana,\r\n\r\nOur shop: https://shop.example/spring?a=1&amp;b=2 opens\nat nine.\n \t\nSee you";
        assertThat(PlainTextHtml.paragraphs(text))
                .containsExactly(
                        "Hello Ana,", "Our shop: https://shop.example/spring?a=1&amp;b=2 opens\nat nine.", "See you");
        assertThat(PlainTextHtml.links("go to http://a.example<br> or https://b.example/x now", url -> "[" + url + "]"))
                .isEqualTo("go to [http://a.example]<br> or [https://b.example/x] now");
        assertThat(PlainTextHtml.lineBreaks("a\r\nb\nc\rd\u2028e")).isEqualTo("a<br>b<br>c<br>d<br>e");
    }

    @Test
    void a_single_crlf_is_a_line_break_not_a_paragraph() {
        assertThat(PlainTextHtml.paragraphs("Hello\r\nWorld\r\n\r\nBye")).containsExactly("Hello\r\nWorld", "Bye");
        assertThat(Pattern.compile("\\R\\s*\\R").split("Hello\r\nWorld")).hasSize(2);
    }

    @Test
    void no_paragraph_break_no_link_no_line_break_leaves_the_text_as_it_is() {
        assertThat(PlainTextHtml.paragraphs("")).containsExactly("");
        assertThat(PlainTextHtml.paragraphs("one line")).containsExactly("one line");
        assertThat(PlainTextHtml.paragraphs("\n\n")).isEmpty();
        assertThat(PlainTextHtml.links("http:// https://< httpx://y", url -> "!"))
                .isEqualTo("http:// https://< httpx://y");
        assertThat(PlainTextHtml.lineBreaks("flat")).isEqualTo("flat");
    }

    @Property(tries = 3000)
    void paragraphs_are_what_the_regular_expression_split(@ForAll("hostile") String text) {
        assertThat(PlainTextHtml.paragraphs(text))
                .containsExactlyElementsOf(Arrays.asList(PARAGRAPH_BREAK.split(text)));
    }

    @Property(tries = 3000)
    void links_are_what_the_regular_expression_found(@ForAll("hostile") String text) {
        assertThat(PlainTextHtml.links(text, url -> "<a>" + url + "</a>"))
                .isEqualTo(LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement("<a>" + m.group() + "</a>")));
    }

    @Property(tries = 3000)
    void line_breaks_are_what_the_regular_expression_replaced(@ForAll("hostile") String text) {
        assertThat(PlainTextHtml.lineBreaks(text))
                .isEqualTo(LINE_END.matcher(text).replaceAll("<br>"));
    }

    @Provide
    Arbitrary<String> hostile() {
        var pieces = Arbitraries.of(
                "a",
                "x",
                "h",
                "t",
                "p",
                "s",
                ":",
                "/",
                "<",
                "&amp;",
                "$",
                "\\",
                " ",
                "\t",
                "\n",
                "\r",
                "\r\n",
                "\u000B",
                "\f",
                "\u0085",
                "\u2028",
                "\u2029",
                "\u00A0",
                "http",
                "https",
                "://",
                "http://",
                "https://",
                "http://a.example/x?y=1",
                "\n\n",
                " \n \t\r\n ");
        return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
    }
}
