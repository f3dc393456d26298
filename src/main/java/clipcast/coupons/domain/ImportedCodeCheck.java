package clipcast.coupons.domain;

/**
 * Whether one row of an imported code file holds a code the offer can take, judged on the row alone: that the code
 * is there, well formed, and has a right check character when the offer's format has one. Whether it comes twice in
 * the file or is taken already needs the whole file and the tenant's codes: that is judged where they are.
 */
public final class ImportedCodeCheck {

    /** The row's code, normalised, or why the row is wrong. */
    public sealed interface Verdict {}

    public record Accepted(String code) implements Verdict {}

    public record Rejected(CodeImportProblem problem) implements Verdict {}

    private static final Rejected EMPTY = new Rejected(CodeImportProblem.REQUIRED);
    private static final Rejected MALFORMED = new Rejected(CodeImportProblem.INVALID_FORMAT);
    private static final Rejected WRONG_CHECK_CHARACTER = new Rejected(CodeImportProblem.INVALID_CHECK_CHARACTER);

    private final CodeFormat format;

    public ImportedCodeCheck(CodeFormat format) {
        this.format = format;
    }

    public Verdict check(String typed) {
        var code = CodeFormat.normalise(typed);
        if (code.isEmpty()) {
            return EMPTY;
        }
        if (!CodeFormat.isWellFormed(code)) {
            return MALFORMED;
        }
        if (format.checkCharacter() && !format.accepts(code)) {
            return WRONG_CHECK_CHARACTER;
        }
        return new Accepted(code);
    }
}
