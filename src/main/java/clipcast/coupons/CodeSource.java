package clipcast.coupons;

/** The codes of an import file, read once and in file order, never held all at once. */
@FunctionalInterface
public interface CodeSource {

    /**
     * Hands every data row to the sink, in file order.
     *
     * @return false when the file turned out unreadable part way (the rows handed over so far must not be kept)
     */
    boolean forEachRow(RowSink sink);

    /** Takes one row: its number among the data rows (the first = 1) and its code as written in the file. */
    @FunctionalInterface
    interface RowSink {
        void row(long row, String code);
    }
}
