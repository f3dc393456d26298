package clipcast.contacts.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks and normalises a contact: email syntax (IDN domains), phone to E.164 (the contact's country as the
 * default region), ISO country, BCP 47 language, IANA time zone (explicit, else from the phone), birth date
 * (under 13 refused), text without control characters or spreadsheet formulas.
 */
public final class ContactRules {

    public static final int MAX_TEXT = 200;
    public static final int MAX_LISTS = 50;
    public static final int MAX_ATTRIBUTES = 50;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private ContactRules() {}

    /** The outcome: a normalised contact, or the problems found (all of them, not just the first). */
    public sealed interface Outcome permits Valid, Invalid {}

    public record Valid(NormalisedContact contact) implements Outcome {}

    public record Invalid(List<FieldProblem> problems) implements Outcome {}

    public static Outcome normalise(ContactFields fields, LocalDate today) {
        var problems = new ArrayList<FieldProblem>();
        var country = blankToNull(fields.country());
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(country)) {
                problems.add(new FieldProblem("country", "INVALID_COUNTRY"));
                country = null;
            }
        }
        EmailAddress email = null;
        if (blankToNull(fields.email()) != null) {
            email = EmailAddress.parse(fields.email()).orElse(null);
            if (email == null) {
                problems.add(new FieldProblem("email", "INVALID_EMAIL"));
            }
        }
        PhoneNumber phone = null;
        if (blankToNull(fields.phone()) != null) {
            phone = PhoneNumber.parse(fields.phone(), country).orElse(null);
            if (phone == null) {
                problems.add(new FieldProblem("phone", "INVALID_PHONE"));
            }
        }
        if (blankToNull(fields.email()) == null && blankToNull(fields.phone()) == null) {
            problems.add(new FieldProblem("email", "EMAIL_OR_PHONE_REQUIRED"));
        }
        if (country == null && phone != null && COUNTRIES.contains(phone.region())) {
            country = phone.region();
        }
        var language = blankToNull(fields.language());
        if (language != null) {
            var locale = Locale.forLanguageTag(language.strip().replace('_', '-'));
            if (language.length() > 35 || !LANGUAGES.contains(locale.getLanguage())) {
                problems.add(new FieldProblem("language", "INVALID_LANGUAGE"));
                language = null;
            } else {
                language = locale.toLanguageTag();
            }
        }
        String timeZone = null;
        TimeZoneSource timeZoneSource = null;
        if (blankToNull(fields.timeZone()) != null) {
            try {
                var zone = ZoneId.of(fields.timeZone().strip());
                timeZone = zone.getId();
                timeZoneSource = TimeZoneSource.EXPLICIT;
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("timeZone", "INVALID_TIME_ZONE"));
            }
        } else if (phone != null) {
            timeZone = phone.timeZone().orElse(null);
            timeZoneSource = timeZone == null ? null : TimeZoneSource.PHONE;
        }
        var age = AgeBand.of(fields.birthDate(), today);
        if (fields.birthDate() != null) {
            if (fields.birthDate().isAfter(today) || fields.birthDate().isBefore(LocalDate.of(1900, 1, 1))) {
                problems.add(new FieldProblem("birthDate", "INVALID_BIRTH_DATE"));
            } else if (age == AgeBand.UNDER_13) {
                problems.add(new FieldProblem("birthDate", "UNDER_13"));
            }
        }
        var firstName = text(problems, "firstName", fields.firstName());
        var lastName = text(problems, "lastName", fields.lastName());
        var lists = lists(problems, fields.lists());
        var attributes = attributes(problems, fields.attributes());
        if (!problems.isEmpty()) {
            return new Invalid(List.copyOf(problems));
        }
        return new Valid(new NormalisedContact(
                email,
                phone,
                firstName,
                lastName,
                country,
                language,
                timeZone,
                timeZoneSource,
                fields.birthDate(),
                age,
                attributes,
                lists));
    }

    /** A text field: trimmed, at most {@link #MAX_TEXT} characters, no control characters, no formula. */
    static String text(List<FieldProblem> problems, String field, String value) {
        var text = blankToNull(value);
        if (text == null) {
            return null;
        }
        text = text.strip();
        var code = textProblem(text);
        if (code != null) {
            problems.add(new FieldProblem(field, code));
            return null;
        }
        return text;
    }

    /** Why a text is refused, or null. A leading =, +, - or @ would run as a formula when exported to a sheet. */
    public static String textProblem(String text) {
        if (text.length() > MAX_TEXT) {
            return "TOO_LONG";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return "CONTROL_CHARACTER";
            }
        }
        char first = text.charAt(0);
        if (first == '='
                || first == '@'
                || ((first == '+' || first == '-')
                        && text.length() > 1
                        && !Character.isDigit(text.charAt(1))
                        && text.charAt(1) != ' ')) {
            return "FORMULA_NOT_ALLOWED";
        }
        return null;
    }

    private static List<String> lists(List<FieldProblem> problems, List<String> lists) {
        if (lists == null) {
            return List.of();
        }
        if (lists.size() > MAX_LISTS) {
            problems.add(new FieldProblem("lists", "TOO_MANY"));
            return List.of();
        }
        var names = new LinkedHashSet<String>();
        for (int i = 0; i < lists.size(); i++) {
            var name = text(problems, "lists[" + i + "]", lists.get(i));
            if (name != null) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    private static Map<String, Object> attributes(List<FieldProblem> problems, Map<String, Object> attributes) {
        if (attributes == null) {
            return Map.of();
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            problems.add(new FieldProblem("attributes", "TOO_MANY"));
            return Map.of();
        }
        var clean = new LinkedHashMap<String, Object>();
        attributes.forEach((key, value) -> {
            var field = "attributes." + key;
            if (key.isBlank() || key.length() > 64 || textProblem(key) != null) {
                problems.add(new FieldProblem("attributes", "INVALID_ATTRIBUTE_NAME"));
            } else if (value instanceof String s) {
                if (!s.isEmpty() && textProblem(s) != null) {
                    problems.add(new FieldProblem(field, textProblem(s)));
                } else {
                    clean.put(key, s);
                }
            } else if (value == null || value instanceof Number || value instanceof Boolean) {
                clean.put(key, value);
            } else {
                problems.add(new FieldProblem(field, "ATTRIBUTE_NOT_SCALAR"));
            }
        });
        return clean;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
