package clipcast.delivery.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report messages under {@code src/test/resources/clipcast/delivery/feedback}, as mail systems write them, with
 * their {@code {{placeholders}}} filled in: {@code sender}, {@code recipient}, {@code messageId} (with its angle
 * brackets), {@code original} (a whole returned message), {@code feedbackType}.
 */
public final class Reports {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private Reports() {}

    public static String load(String name, Map<String, String> values) {
        var text = resource(name);
        if (text.contains("{{original}}")) {
            text = text.replace("{{original}}", values.getOrDefault("original", resource("original-message.eml")));
        }
        var matcher = PLACEHOLDER.matcher(text);
        var filled = new StringBuilder();
        while (matcher.find()) {
            var value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(name + " needs a value for " + matcher.group());
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    public static byte[] bytes(String name, Map<String, String> values) {
        return load(name, values).getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (var in = Reports.class.getResourceAsStream("/clipcast/delivery/feedback/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test report " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
