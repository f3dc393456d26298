package clipcast.consent;

public enum ConsentStatus {
    GRANTED,
    WITHDRAWN
}
