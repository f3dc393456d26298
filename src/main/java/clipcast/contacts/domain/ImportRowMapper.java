package clipcast.contacts.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    private static final String LIST_SEPARATORS = ";,|";
    private static final String ATTRIBUTE = "attribute:";
    private static final List<String> FIELDS =
            List.of("email", "phone", "firstName", "lastName", "country", "language", "timeZone", "birthDate", "lists");
    private static final int EMAIL = 0;
    private static final int PHONE = 1;
    private static final int FIRST_NAME = 2;
    private static final int LAST_NAME = 3;
    private static final int COUNTRY = 4;
    private static final int LANGUAGE = 5;
    private static final int TIME_ZONE = 6;
    private static final int BIRTH_DATE = 7;
    private static final int LISTS = 8;

    private final Key key;
    private final String defaultCountry;
    private final LocalDate today;
    private final String[] columns;
    /** Per column, the index of its field in FIELDS, or -1 for an attribute (or a column left out). */
    private final int[] fields;

    private ImportRowMapper(Key key, String defaultCountry, LocalDate today, String[] columns) {
        this.key = key;
        this.defaultCountry = defaultCountry;
        this.today = today;
        this.columns = columns;
        this.fields = columns == null
                ? null
                : Arrays.stream(columns)
                        .mapToInt(column -> column == null ? -1 : FIELDS.indexOf(column))
                        .toArray();
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
                field = ATTRIBUTE + raw;
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
        // The known fields' values by their index in FIELDS (a later column of the same field wins); no map per row.
        var values = new String[FIELDS.size()];
        Map<String, Object> attributes = Map.of();
        if (columns == null) {
            var line = cells.isEmpty() ? "" : cells.getFirst();
            values[line.contains("@") ? EMAIL : PHONE] = line;
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
                if (fields[i] < 0) {
                    if (attributes.isEmpty()) {
                        attributes = new LinkedHashMap<>();
                    }
                    attributes.put(column.substring(ATTRIBUTE.length()), value.strip());
                } else {
                    values[fields[i]] = value;
                }
            }
        }
        var keyField = key == Key.EMAIL ? "email" : "phone";
        if (values[key == Key.EMAIL ? EMAIL : PHONE] == null) {
            return new Rejected(row, keyField, "MISSING_ADDRESS");
        }
        LocalDate birthDate = null;
        if (values[BIRTH_DATE] != null) {
            try {
                birthDate = LocalDate.parse(values[BIRTH_DATE].strip());
            } catch (DateTimeParseException e) {
                return new Rejected(row, "birthDate", "INVALID_BIRTH_DATE");
            }
        }
        var country = values[COUNTRY] == null ? defaultCountry : values[COUNTRY];
        var lists = values[LISTS] == null ? List.<String>of() : listNames(values[LISTS]);
        var fields = new ContactFields(
                values[EMAIL],
                values[PHONE],
                values[FIRST_NAME],
                values[LAST_NAME],
                country,
                values[LANGUAGE],
                values[TIME_ZONE],
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

    /** A cell of list names, split at {@code ;}, {@code ,} or {@code |}, each name trimmed, empty ones left out. */
    private static List<String> listNames(String cell) {
        var names = new ArrayList<String>(2);
        int start = 0;
        for (int i = 0; i <= cell.length(); i++) {
            if (i == cell.length() || LIST_SEPARATORS.indexOf(cell.charAt(i)) >= 0) {
                var name = cell.substring(start, i).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
                start = i + 1;
            }
        }
        return names;
    }

    private static String fieldName(String column) {
        return column.startsWith(ATTRIBUTE) ? "attributes." + column.substring(ATTRIBUTE.length()) : column;
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
