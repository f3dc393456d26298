package clipcast.coupons;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A CSV file of codes read as a stream, record by record: UTF-8 (a byte order mark is skipped), a header row with a
 * {@code code} column, then a code a row. Only the record being read is in memory. Failures of the stream itself
 * (a body cut off, one over the size limit) come as {@link UncheckedIOException}.
 */
final class CodeCsv implements CodeSource, AutoCloseable {

    static final String COLUMN = "code";

    /** What opening a file found in its header. */
    sealed interface Opening {}

    /** A readable header with a code column (or no header at all: an empty file, which has no codes). */
    record Opened(CodeCsv file) implements Opening {}

    record HeaderMissing() implements Opening {}

    record Unreadable() implements Opening {}

    private final CsvReader<CsvRecord> reader;
    private final CloseableIterator<CsvRecord> records;
    private final int column;

    private CodeCsv(CsvReader<CsvRecord> reader, CloseableIterator<CsvRecord> records, int column) {
        this.reader = reader;
        this.records = records;
        this.column = column;
    }

    /** Reads the header. When it has no code column or cannot be read, the stream is closed. */
    static Opening open(InputStream in) {
        var reader = CsvReader.builder().detectBomHeader(true).ofCsvRecord(in, StandardCharsets.UTF_8);
        var records = reader.iterator();
        boolean opened = false;
        try {
            if (!records.hasNext()) {
                opened = true;
                return new Opened(new CodeCsv(reader, records, -1));
            }
            int column = records.next().getFields().indexOf(COLUMN);
            if (column < 0) {
                return new HeaderMissing();
            }
            opened = true;
            return new Opened(new CodeCsv(reader, records, column));
        } catch (CsvParseException e) {
            return new Unreadable();
        } finally {
            if (!opened) {
                closeQuietly(reader);
            }
        }
    }

    @Override
    public boolean forEachRow(RowSink sink) {
        if (column < 0) {
            return true;
        }
        long row = 0;
        try {
            while (records.hasNext()) {
                var record = records.next();
                sink.row(++row, record.getField(column));
            }
            return true;
        } catch (CsvParseException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    private static void closeQuietly(CsvReader<?> reader) {
        try {
            reader.close();
        } catch (java.io.IOException | UncheckedIOException e) {
            // Closing the request's stream: nothing was written, nothing is lost.
        }
    }
}
