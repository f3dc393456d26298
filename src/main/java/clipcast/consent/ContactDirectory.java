package clipcast.consent;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What consent needs to know about contacts, implemented by the contacts module (so consent does not depend on
 * it). Every method works in the current tenant scope.
 */
public interface ContactDirectory {

    /** The contacts of the current tenant with this E.164 phone number. */
    List<UUID> contactsWithPhone(String e164);

    /** The normalised address of a contact on a channel (email, E.164 phone), if it has one. */
    Optional<String> address(UUID contactId, Channel channel);
}
