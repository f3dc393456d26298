package clipcast.contacts.domain;

/** Where a contact's time zone came from. */
public enum TimeZoneSource {
    EXPLICIT,
    PHONE
}
