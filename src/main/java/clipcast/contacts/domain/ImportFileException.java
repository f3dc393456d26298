package clipcast.contacts.domain;

/** A file that cannot be read as what it claims to be: the whole import fails with this code, at this row. */
public final class ImportFileException extends RuntimeException {

    private final String code;
    private final long row;

    public ImportFileException(String code, long row, String message) {
        super(message);
        this.code = code;
        this.row = row;
    }

    public String code() {
        return code;
    }

    public long row() {
        return row;
    }
}
