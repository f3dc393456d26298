package clipcast.delivery.push.domain;

/** One thing wrong with one field of a subscription: where, and a machine code. */
public record FieldProblem(String field, String code) {}
