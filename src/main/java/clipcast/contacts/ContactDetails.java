package clipcast.contacts;

import clipcast.contacts.domain.ContactFields;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A contact's fields as another module gives them to {@link Contacts#save(ContactDetails, List)}, unchecked. */
public record ContactDetails(
        String email,
        String phone,
        String firstName,
        String lastName,
        String country,
        String language,
        String timeZone,
        LocalDate birthDate,
        Map<String, Object> attributes,
        List<String> lists) {

    ContactFields fields() {
        return new ContactFields(
                email, phone, firstName, lastName, country, language, timeZone, birthDate, attributes, lists);
    }
}
