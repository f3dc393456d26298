package clipcast.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A contact of the current tenant, its addresses normalised (email lower case and punycode, phone E.164). */
public record Contact(
        UUID id,
        String email,
        String phone,
        String firstName,
        String lastName,
        String country,
        String language,
        String timeZone,
        String timeZoneSource,
        LocalDate birthDate,
        Map<String, Object> attributes,
        List<String> lists,
        Instant createdAt,
        Instant updatedAt) {}
