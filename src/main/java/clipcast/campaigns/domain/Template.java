package clipcast.campaigns.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A message template with merge fields such as {@code {{contact.firstName}}} or {@code {{coupon.code}}}. Only
 * known fields are accepted; a value missing for a recipient renders as its fallback ({@code {{contact.firstName
 * | there}}}) or empty. Templates hold no logic and cannot reach the footer, which is added after rendering.
 */
public final class Template {

    public static final Set<String> CONTACT_FIELDS =
            Set.of("contact.firstName", "contact.lastName", "contact.email", "contact.phone", "contact.country");
    public static final Set<String> COUPON_FIELDS =
            Set.of("coupon.code", "coupon.url", "coupon.validUntil", "offer.name", "offer.terms");

    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([^{}|]*?)\\s*(?:\\|\\s*([^{}]*?)\\s*)?}}");

    private final String text;

    /** The text cut at its fields once (literal text, field, literal text, …), so a render needs no regex. */
    private final List<Object> segments;

    private Template(String text) {
        this.text = text;
        this.segments = segments(text);
    }

    /** A merge field and its fallback (null when it has none). */
    private record Field(String name, String fallback) {}

    /** A problem of a template: what is wrong and the text where. */
    public record Problem(String code, String excerpt) {}

    public static Template of(String text) {
        return new Template(text == null ? "" : text);
    }

    /** Everything wrong with the template; {@code withOffer} allows the coupon fields. */
    public List<Problem> problems(boolean withOffer) {
        var problems = new ArrayList<Problem>();
        var matcher = FIELD.matcher(text);
        int last = 0;
        while (matcher.find()) {
            checkBraces(text.substring(last, matcher.start()), problems);
            var name = matcher.group(1);
            if (COUPON_FIELDS.contains(name)) {
                if (!withOffer) {
                    problems.add(new Problem("COUPON_FIELD_WITHOUT_OFFER", matcher.group()));
                }
            } else if (!CONTACT_FIELDS.contains(name)) {
                problems.add(new Problem("UNKNOWN_MERGE_FIELD", matcher.group()));
            }
            last = matcher.end();
        }
        checkBraces(text.substring(last), problems);
        return problems;
    }

    private static void checkBraces(String between, List<Problem> problems) {
        int open = between.indexOf("{{");
        int close = between.indexOf("}}");
        if (open >= 0 || close >= 0) {
            int at = open >= 0 ? open : close;
            problems.add(
                    new Problem("MALFORMED_MERGE_FIELD", between.substring(at, Math.min(between.length(), at + 40))));
        }
    }

    /** The fields the template uses. */
    public Set<String> fields() {
        var used = new java.util.LinkedHashSet<String>();
        var matcher = FIELD.matcher(text);
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        return used;
    }

    /** The text with every field replaced by its value (after {@code escape}), or by its fallback. */
    public String render(Map<String, String> values, java.util.function.UnaryOperator<String> escape) {
        var out = new StringBuilder(text.length() + 64);
        for (var segment : segments) {
            if (segment instanceof Field(var name, var fallback)) {
                var value = values.get(name);
                if (value == null || value.isBlank()) {
                    value = fallback == null ? "" : fallback;
                }
                out.append(escape.apply(value));
            } else {
                out.append((String) segment);
            }
        }
        return out.toString();
    }

    /** Literal strings and fields in order; a template renders once per recipient of a batch, but is cut once. */
    private static List<Object> segments(String text) {
        var parsed = new ArrayList<>();
        var matcher = FIELD.matcher(text);
        int last = 0;
        while (matcher.find()) {
            if (matcher.start() > last) {
                parsed.add(text.substring(last, matcher.start()));
            }
            parsed.add(new Field(matcher.group(1), matcher.group(2)));
            last = matcher.end();
        }
        if (last < text.length()) {
            parsed.add(text.substring(last));
        }
        return List.copyOf(parsed);
    }

    /** The text with every merge field removed: what the duplicate check compares. */
    public String withoutFields() {
        return FIELD.matcher(text).replaceAll(" ");
    }

    public String text() {
        return text;
    }
}
