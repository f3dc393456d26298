package clipcast.consent.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The keywords carriers require every SMS program to understand, in any case, with spaces around. */
public enum SmsKeyword {
    STOP,
    HELP,
    START;

    private static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "END", "CANCEL", "UNSUBSCRIBE", "QUIT");
    private static final Set<String> START_WORDS = Set.of("START", "YES", "UNSTOP");

    /** The keyword a whole message is, or empty when it is anything else (a keyword inside a sentence is not one). */
    public static Optional<SmsKeyword> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var word = text.strip().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
        if (STOP_WORDS.contains(word)) {
            return Optional.of(STOP);
        }
        if (START_WORDS.contains(word)) {
            return Optional.of(START);
        }
        if (word.equals("HELP") || word.equals("INFO")) {
            return Optional.of(HELP);
        }
        return Optional.empty();
    }

    /** The keyword itself as the person typed it, normalised, for the evidence. */
    public static String spelled(String text) {
        return text.strip().toUpperCase(Locale.ROOT);
    }
}
