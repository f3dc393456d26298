package clipcast.consent;

/** A consent to record, as a caller submits it; {@link Consents#check} says what is wrong with it. */
public record ConsentInput(
        Channel channel, String purpose, ConsentStatus status, ConsentMethod method, Evidence evidence) {}
