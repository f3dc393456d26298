package clipcast.contacts.domain;

import java.util.Locale;
import java.util.Optional;

/** The file types an import reads, known by their name's extension. */
public enum ImportFileType {
    CSV,
    TXT,
    XLS,
    XLSX;

    public static Optional<ImportFileType> ofFileName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        var lower = name.toLowerCase(Locale.ROOT).strip();
        for (var type : values()) {
            if (lower.endsWith("." + type.name().toLowerCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether its first row names the columns. */
    public boolean hasHeader() {
        return this != TXT;
    }
}
