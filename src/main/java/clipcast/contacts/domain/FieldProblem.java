package clipcast.contacts.domain;

/** One thing wrong with one field: where, and a machine code. */
public record FieldProblem(String field, String code) {}
