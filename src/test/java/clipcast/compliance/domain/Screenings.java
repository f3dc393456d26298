package clipcast.compliance.domain;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The screening as the application loads it: the rules files from the classpath. */
final class Screenings {

    private Screenings() {}

    static ContentScreening withPlatformContacts(ContentScreening.PlatformContacts contacts) {
        return ContentScreening.load(
                resource("/compliance/content-rules.tsv"), resource("/compliance/link-shorteners.txt"), contacts);
    }

    static ContentScreening standard() {
        return withPlatformContacts(ContentScreening.PlatformContacts.none());
    }

    static InputStreamReader resource(String path) {
        return new InputStreamReader(
                Objects.requireNonNull(Screenings.class.getResourceAsStream(path), path), StandardCharsets.UTF_8);
    }
}
