package clipcast.coupons;

import clipcast.coupons.domain.CodeImportProblem;
import java.util.List;

/** What importing externally made codes gave: all of them, or none and the rows that were wrong. */
public sealed interface ImportOutcome {

    /** The most wrong rows a rejection names; {@link Rejected#errorCount()} counts them all. */
    int LISTED_ERRORS = 1_000;

    record Imported(long count) implements ImportOutcome {}

    record OfferNotFound() implements ImportOutcome {}

    /** The file is no readable CSV (found part way through it): nothing was imported. */
    record Unreadable() implements ImportOutcome {}

    /**
     * Nothing was imported.
     *
     * @param errors the first {@link #LISTED_ERRORS} wrong rows, in row order
     * @param errorCount how many rows were wrong in all
     */
    record Rejected(List<RowError> errors, long errorCount) implements ImportOutcome {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }

    /** A row of the file (1 = the first row after the header; 0 = the file as a whole) and what is wrong with it. */
    record RowError(long row, String field, CodeImportProblem problem) {}
}
