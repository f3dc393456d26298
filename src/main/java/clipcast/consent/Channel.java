package clipcast.consent;

/** How a message reaches a person. */
public enum Channel {
    EMAIL,
    SMS,
    PUSH
}
