package clipcast.consent;

/** One thing wrong with one field of an input: where, and a machine code. */
public record Issue(String field, String code) {}
