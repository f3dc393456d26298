package clipcast.contacts.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A contact whose every field passed the rules, in normalised form. Any field may be absent (null). */
public record NormalisedContact(
        EmailAddress email,
        PhoneNumber phone,
        String firstName,
        String lastName,
        String country,
        String language,
        String timeZone,
        TimeZoneSource timeZoneSource,
        LocalDate birthDate,
        AgeBand age,
        Map<String, Object> attributes,
        List<String> lists) {}
