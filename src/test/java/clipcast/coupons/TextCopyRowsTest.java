package clipcast.coupons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextCopyRowsTest {

    @Test
    void columns_are_separated_by_tabs_and_rows_end_with_a_line_feed() {
        var rows = new TextCopyRows(4);

        rows.bigint(1).text("ABCD").endRow();
        rows.bigint(-20).text("").endRow();

        assertThat(text(rows)).isEqualTo("1\tABCD\n-20\t\n");
    }

    @Test
    void what_would_end_a_value_early_is_escaped() {
        var rows = new TextCopyRows(4);

        rows.text("a\\b\tc\nd\re").endRow();

        assertThat(text(rows)).isEqualTo("a\\\\b\\tc\\nd\\re\n");
    }

    @Test
    void text_beyond_ascii_goes_as_escaped_utf8() {
        var rows = new TextCopyRows(4);

        rows.bigint(7).text("a\tÄ€😀").endRow();

        assertThat(text(rows)).isEqualTo("7\ta\\tÄ€😀\n");
    }

    @Test
    void cleared_rows_start_again() {
        var rows = new TextCopyRows(16);
        rows.bigint(1).text("ABCD").endRow();

        rows.clear();
        rows.bigint(2).text("EFGH").endRow();

        assertThat(text(rows)).isEqualTo("2\tEFGH\n");
    }

    private static String text(TextCopyRows rows) {
        return new String(Arrays.copyOf(rows.bytes(), rows.length()), StandardCharsets.UTF_8);
    }
}
