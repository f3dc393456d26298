package clipcast.contacts;

import java.util.List;
import java.util.UUID;

/**
 * A hosted subscription form ({@code /f/{id}}): the optional fields it asks besides the email, the purpose people
 * subscribe to, and the current version of its consent text.
 */
public record SubscribeForm(
        UUID id, String name, String purpose, List<String> fields, int version, String consentText) {

    public static final List<String> OPTIONAL_FIELDS =
            List.of("firstName", "lastName", "phone", "country", "language", "birthDate");
}
