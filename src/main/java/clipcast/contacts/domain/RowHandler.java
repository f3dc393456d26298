package clipcast.contacts.domain;

import java.util.List;

/** Receives the rows of an import file, one at a time, in file order. */
@FunctionalInterface
public interface RowHandler {

    /** @param row the 1-based row (line) number in the file, as a person finds it in a spreadsheet or editor */
    void row(long row, List<String> cells);
}
