package clipcast.contacts.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the rows of an import file into normalised contacts or rejections. The header row names the columns
 * (in any order, common spellings understood: "E-mail", "Mobile", "First name"...); unknown columns become
 * attributes. A TXT file has no header: each line is an email address or a phone number.
 */
public final class ImportRowMapper {

    /** The address an import is about: the channel's key column. */
    public enum Key {
        EMAIL,
        PHONE
    }

    /** A row that passed, with its normalised contact. */
    public record Accepted(long row, NormalisedContact contact) implements Outcome {}

    /** A row refused: which field, and why. */
    public record Rejected(long row, String field, String code) implements Outcome {}

    public sealed interface Outcome permits Accepted, Rejected {}

    private static final Map<String, String> KNOWN = known();
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[;,|]");

    private final Key key;
    private final String defaultCountry;
    private final LocalDate today;
    private final String[] columns;

    private ImportRowMapper(Key key, String defaultCountry, LocalDate today, String[] columns) {
        this.key = key;
        this.defaultCountry = defaultCountry;
        this.today = today;
        this.columns = columns;
    }

    /** A mapper for a file with this header row; refuses a header without the key address column. */
    public static ImportRowMapper withHeader(List<String> header, Key key, String defaultCountry, LocalDate today) {
        var columns = new String[header.size()];
        boolean hasKey = false;
        for (int i = 0; i < header.size(); i++) {
            var raw = header.get(i) == null ? "" : header.get(i).strip();
            if (i == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            var field = KNOWN.get(simplify(raw));
            if (field == null && !raw.isEmpty() && raw.length() <= 64 && ContactRules.textProblem(raw) == null) {
                field = "attribute:" + raw;
            }
            columns[i] = field;
            hasKey |= (key == Key.EMAIL ? "email" : "phone").equals(field);
        }
        if (!hasKey) {
            throw new ImportFileException("NO_ADDRESS_COLUMN", 1, "No " + key + " column in the header row");
        }
        return new ImportRowMapper(key, defaultCountry, today, columns);
    }

    /** A mapper for lines that are each one address. */
    public static ImportRowMapper forLines(Key key, String defaultCountry, LocalDate today) {
        return new ImportRowMapper(key, defaultCountry, today, null);
    }

    public Outcome map(long row, List<String> cells) {
        if (cells.size() > ImportFiles.MAX_COLUMNS) {
            return new Rejected(row, "row", "TOO_MANY_COLUMNS");
        }
        var values = new LinkedHashMap<String, String>();
        var attributes = new LinkedHashMap<String, Object>();
        if (columns == null) {
            var line = cells.isEmpty() ? "" : cells.getFirst();
            values.put(line.contains("@") ? "email" : "phone", line);
        } else {
            for (int i = 0; i < cells.size() && i < columns.length; i++) {
                var column = columns[i];
                var value = cells.get(i);
                if (column == null || value == null || value.isBlank()) {
                    continue;
                }
                if (value.length() > ContactRules.MAX_TEXT * 5) {
                    return new Rejected(row, fieldName(column), "TOO_LONG");
                }
                if (column.startsWith("attribute:")) {
                    attributes.put(column.substring("attribute:".length()), value.strip());
                } else {
                    values.put(column, value);
                }
            }
        }
        var keyField = key == Key.EMAIL ? "email" : "phone";
        if (values.get(keyField) == null) {
            return new Rejected(row, keyField, "MISSING_ADDRESS");
        }
        LocalDate birthDate = null;
        if (values.get("birthDate") != null) {
            try {
                birthDate = LocalDate.parse(values.get("birthDate").strip());
            } catch (DateTimeParseException e) {
                return new Rejected(row, "birthDate", "INVALID_BIRTH_DATE");
            }
        }
        var country = values.getOrDefault("country", defaultCountry);
        var lists = values.get("lists") == null
                ? List.<String>of()
                : Arrays.stream(LIST_SEPARATOR.split(values.get("lists")))
                        .map(String::strip)
                        .filter(name -> !name.isEmpty())
                        .toList();
        var fields = new ContactFields(
                values.get("email"),
                values.get("phone"),
                values.get("firstName"),
                values.get("lastName"),
                country,
                values.get("language"),
                values.get("timeZone"),
                birthDate,
                attributes,
                lists);
        return switch (ContactRules.normalise(fields, today)) {
            case ContactRules.Invalid(var problems) -> {
                var first = problems.getFirst();
                yield new Rejected(row, first.field(), first.code());
            }
            case ContactRules.Valid(var contact)
            when !contact.age().mayGiveMarketingConsent() -> new Rejected(row, "birthDate", "UNDER_16");
            case ContactRules.Valid(var contact) -> new Accepted(row, contact);
        };
    }

    private static String fieldName(String column) {
        return column.startsWith("attribute:") ? "attributes." + column.substring(10) : column;
    }

    private static String simplify(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static Map<String, String> known() {
        var known = new LinkedHashMap<String, String>();
        for (var name : List.of("email", "emailaddress", "mail", "courriel", "adressemail", "emailadresse")) {
            known.put(name, "email");
        }
        for (var name : List.of(
                "phone",
                "phonenumber",
                "mobile",
                "mobilephone",
                "mobilenumber",
                "cell",
                "cellphone",
                "msisdn",
                "tel",
                "telephone",
                "téléphone",
                "sms",
                "handy",
                "telefoon")) {
            known.put(name, "phone");
        }
        for (var name : List.of("firstname", "givenname", "forename", "prenom", "prénom", "vorname", "voornaam")) {
            known.put(name, "firstName");
        }
        for (var name : List.of("lastname", "surname", "familyname", "nom", "nachname", "achternaam")) {
            known.put(name, "lastName");
        }
        for (var name : List.of("country", "countrycode", "pays", "land")) {
            known.put(name, "country");
        }
        for (var name : List.of("language", "lang", "locale", "langue", "sprache", "taal")) {
            known.put(name, "language");
        }
        for (var name : List.of("timezone", "tz", "zone")) {
            known.put(name, "timeZone");
        }
        for (var name : List.of("birthdate", "dateofbirth", "dob", "birthday")) {
            known.put(name, "birthDate");
        }
        for (var name : List.of("lists", "list", "tags", "tag", "groups", "segments")) {
            known.put(name, "lists");
        }
        return known;
    }

    /** Every column name the mapper understands, for documentation. */
    public static List<String> knownColumns() {
        return new ArrayList<>(KNOWN.keySet());
    }
}
