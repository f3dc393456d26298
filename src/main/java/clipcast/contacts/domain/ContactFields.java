package clipcast.contacts.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A contact's fields as given (API, form, import row), before any checks. */
public record ContactFields(
        String email,
        String phone,
        String firstName,
        String lastName,
        String country,
        String language,
        String timeZone,
        LocalDate birthDate,
        Map<String, Object> attributes,
        List<String> lists) {}
