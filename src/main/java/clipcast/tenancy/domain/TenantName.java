package clipcast.tenancy.domain;

import java.text.Normalizer;
import java.util.Locale;

/** A tenant's display name and the slug derived from it (unique on the platform). */
public record TenantName(String value) {

    public static final int MAX_LENGTH = 120;

    public TenantName {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A tenant needs a name");
        }
        value = value.strip();
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A tenant name has at most " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A tenant name cannot contain control characters");
        }
    }

    public String slug() {
        var ascii = Normalizer.normalize(value, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        var slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "tenant" : slug;
    }
}
