package clipcast.campaigns.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The HTML part of an email made from its (already escaped) text: paragraphs at blank lines, line breaks kept, every
 * http(s) link made an anchor. Written as three linear scans instead of the regular expressions they replace
 * ({@code \R\s*\R} between paragraphs, {@code https?://[^\s<]+} for links, {@code \R} for line breaks), which cost
 * more than the rest of rendering for every recipient; the property test holds them to exactly what those
 * expressions matched, but for one difference: a CRLF is one line break. Java's {@code \R} may give back the LF of a
 * CRLF, so the old expression split paragraphs at a single CRLF, which is how a browser form sends every line break.
 */
public final class PlainTextHtml {

    private PlainTextHtml() {}

    /**
     * The paragraphs of {@code text}, as {@code Pattern.split} gives them: split at two line breaks with only
     * whitespace between (a CRLF is one), trailing empty paragraphs dropped.
     */
    public static List<String> paragraphs(String text) {
        var paragraphs = new ArrayList<String>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int end = isLineBreak(text.charAt(i)) ? paragraphBreakEnd(text, i) : -1;
            if (end < 0) {
                i++;
                continue;
            }
            // Pattern.split drops a leading empty piece only when the match at 0 is empty, never here (width >= 2).
            paragraphs.add(text.substring(start, i));
            start = end;
            i = end;
        }
        if (start == 0) {
            return List.of(text);
        }
        paragraphs.add(text.substring(start));
        int size = paragraphs.size();
        while (size > 0 && paragraphs.get(size - 1).isEmpty()) {
            size--;
        }
        return List.copyOf(paragraphs.subList(0, size));
    }

    /**
     * {@code text} with every {@code https?://[^\s<]+} replaced by what {@code anchor} makes of it, as {@code
     * Matcher.replaceAll} would.
     */
    public static String links(String text, UnaryOperator<String> anchor) {
        StringBuilder out = null;
        int copied = 0;
        int i = text.indexOf("http", 0);
        while (i >= 0) {
            int after = i + 4;
            if (after < text.length() && text.charAt(after) == 's') {
                after++;
            }
            int end = -1;
            if (text.startsWith("://", after)) {
                int j = after + 3;
                while (j < text.length() && !isSpace(text.charAt(j)) && text.charAt(j) != '<') {
                    j++;
                }
                if (j > after + 3) {
                    end = j;
                }
            }
            if (end < 0) {
                i = text.indexOf("http", i + 1);
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 256);
            }
            out.append(text, copied, i).append(anchor.apply(text.substring(i, end)));
            copied = end;
            i = text.indexOf("http", end);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** {@code text} with every line break ({@code \R}: CRLF counts once) replaced by {@code <br>}. */
    public static String lineBreaks(String text) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isLineBreak(c)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 64);
            }
            out.append(text, copied, i).append("<br>");
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            copied = i + 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * Where the paragraph break starting with the line break at {@code i} ends, or -1 when there is none: after the
     * first line break, the longest run of whitespace, then the last line break that the run holds or that follows it
     * (the greedy {@code \s*} giving back to the final {@code \R}).
     */
    private static int paragraphBreakEnd(String text, int i) {
        int n = text.length();
        int j = text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        int k = j;
        while (k < n && isSpace(text.charAt(k))) {
            k++;
        }
        if (k < n && isLineBreak(text.charAt(k))) {
            // After the run: \u0085, \u2028 or \u2029 (the others are whitespace, inside the run).
            return k + 1;
        }
        for (int p = k - 1; p >= j; p--) {
            if (isLineBreak(text.charAt(p))) {
                return p + 1;
            }
        }
        return -1;
    }

    /** The characters of {@code \R} (a CRLF pair is one break of two). */
    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** {@code \s} without Unicode classes: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
