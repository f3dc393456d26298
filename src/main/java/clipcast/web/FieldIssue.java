package clipcast.web;

/** One thing wrong with one field of a request: where, a machine code, and a sentence for a person. */
public record FieldIssue(String field, String code, String message) {}
