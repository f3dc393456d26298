package clipcast.coupons;

import java.util.List;

/** What importing externally made codes gave: all of them, or none and every row that was wrong. */
public sealed interface ImportOutcome {

    record Imported(int count) implements ImportOutcome {}

    record OfferNotFound() implements ImportOutcome {}

    record Rejected(List<RowError> errors) implements ImportOutcome {}

    /** A row of the file (1 = the first line after the header) and what is wrong with it. */
    record RowError(long row, String field, String code, String message) {}
}
