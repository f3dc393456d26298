package clipcast.compliance.domain;

import java.util.ArrayList;
import java.util.regex.Pattern;

/**
 * One line of the rules file: a category, a severity, the language it was written for, and what to match on
 * normalised text. Words and phrases match whole words only; a trailing {@code *} matches any ending; single
 * words of five letters or more also match when spelled out with gaps ({@code v i a g r a}).
 */
record ContentRule(ContentCategory category, Severity severity, String language, String source, Pattern pattern) {

    private static final String NOT_ALNUM_BEFORE = "(?<![a-z0-9])";
    private static final String NOT_ALNUM_AFTER = "(?![a-z0-9])";

    static ContentRule parse(String line, int lineNumber) {
        var columns = line.split("\t");
        if (columns.length != 4) {
            throw new IllegalArgumentException("Rule line " + lineNumber + " needs 4 tab-separated columns: " + line);
        }
        var category = ContentCategory.valueOf(columns[0].strip());
        var severity = Severity.valueOf(columns[1].strip());
        var source = columns[3].strip();
        return new ContentRule(category, severity, columns[2].strip(), source, compile(source));
    }

    static Pattern compile(String source) {
        if (source.startsWith("re:")) {
            return Pattern.compile(source.substring(3));
        }
        var words = source.strip().split(" +");
        var parts = new ArrayList<String>();
        for (var word : words) {
            boolean open = word.endsWith("*");
            var stem = TextNormaliser.normalise(open ? word.substring(0, word.length() - 1) : word)
                    .strip()
                    .replace(" ", " +");
            var spelled = words.length == 1 && stem.length() >= 5 ? spacedOut(stem) : Pattern.quote(stem);
            parts.add(spelled + (open ? "[a-z0-9]*" : ""));
        }
        return Pattern.compile(NOT_ALNUM_BEFORE + String.join(" +", parts) + NOT_ALNUM_AFTER);
    }

    private static String spacedOut(String stem) {
        var regex = new StringBuilder();
        for (int i = 0; i < stem.length(); i++) {
            if (i > 0) {
                regex.append(" *");
            }
            regex.append(Pattern.quote(String.valueOf(stem.charAt(i))));
        }
        return regex.toString();
    }
}
