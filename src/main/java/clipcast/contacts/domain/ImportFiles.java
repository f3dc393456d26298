package clipcast.contacts.domain;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;

/**
 * Reads an import file row by row in constant memory: CSV (any common delimiter, quoted fields, UTF-8 with or
 * without BOM, UTF-16 with BOM, Windows-1252), TXT (one address per line), XLSX (streamed with fastexcel-reader,
 * zip bombs refused before inflating) and XLS (POI's HSSF event API). Only the first sheet of a workbook is read.
 * Anything unreadable ends the reading with an {@link ImportFileException}.
 */
public final class ImportFiles {

    /** The most characters a single field may have; more is not a contact. */
    public static final int MAX_FIELD = 64 * 1024;
    /** The most columns a row may have; cells beyond are dropped and the row rejected. */
    public static final int MAX_COLUMNS = 200;

    static final long MAX_INFLATED_BYTES = 2L * 1024 * 1024 * 1024;
    static final long MAX_RATIO = 200;
    private static final char[] SEPARATORS = {',', ';', '\t', '|'};

    private ImportFiles() {}

    public static void read(Path file, ImportFileType type, RowHandler rows) {
        RowHandler handler = (row, cells) -> {
            try {
                rows.row(row, cells);
            } catch (RuntimeException e) {
                throw new HandlerFailure(e);
            }
        };
        try {
            if (Files.size(file) == 0) {
                throw new ImportFileException("EMPTY_FILE", 0, "The file is empty");
            }
            switch (type) {
                case CSV -> readCsv(file, handler);
                case TXT -> readLines(file, handler);
                case XLSX -> readXlsx(file, handler);
                case XLS -> readXls(file, handler);
            }
        } catch (HandlerFailure e) {
            throw e.cause;
        } catch (ImportFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ImportFileException("UNREADABLE_FILE", 0, e.getMessage());
        } catch (RuntimeException e) {
            // Parsers signal broken input with many unchecked exceptions; none of them is a bug of ours to hide.
            throw new ImportFileException("UNREADABLE_FILE", 0, e.getClass().getSimpleName());
        }
    }

    private static void readCsv(Path file, RowHandler handler) throws IOException {
        var encoding = TextEncoding.detect(file);
        char separator = separator(file, encoding);
        try (var in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.bomLength());
            var reader = new InputStreamReader(in, encoding.charset());
            try (var csv = CsvReader.builder()
                    .fieldSeparator(separator)
                    .quoteCharacter('"')
                    .skipEmptyLines(true)
                    .allowExtraFields(true)
                    .allowMissingFields(true)
                    .allowExtraCharsAfterClosingQuote(true)
                    .allowUnclosedQuote(false)
                    .detectBomHeader(false)
                    .maxBufferSize(MAX_FIELD * 4)
                    .ofCsvRecord(reader)) {
                long[] lastRow = {0};
                try {
                    for (var record : csv) {
                        lastRow[0] = record.getStartingLineNumber();
                        var fields = record.getFields();
                        handler.row(
                                record.getStartingLineNumber(),
                                fields.size() > MAX_COLUMNS + 1 ? fields.subList(0, MAX_COLUMNS + 1) : fields);
                    }
                } catch (CsvParseException | UncheckedIOException e) {
                    throw new ImportFileException("UNREADABLE_FILE", lastRow[0] + 1, "Broken CSV after this row");
                }
            }
        }
    }

    /** The separator the first lines agree on most (outside quotes); a comma when nothing else fits. */
    static char separator(Path file, TextEncoding encoding) throws IOException {
        var sample = new char[64 * 1024];
        int length;
        try (var in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.bomLength());
            length = new InputStreamReader(in, encoding.charset()).read(sample);
        }
        if (length <= 0) {
            return ',';
        }
        var lines = new ArrayList<int[]>();
        var counts = new int[SEPARATORS.length];
        boolean quoted = false;
        for (int i = 0; i < length && lines.size() < 50; i++) {
            char c = sample[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (c == '\n' || i + 1 >= length || sample[i + 1] != '\n') {
                    lines.add(counts.clone());
                    java.util.Arrays.fill(counts, 0);
                }
            } else if (!quoted) {
                for (int s = 0; s < SEPARATORS.length; s++) {
                    if (c == SEPARATORS[s]) {
                        counts[s]++;
                    }
                }
            }
        }
        if (lines.isEmpty()) {
            lines.add(counts.clone());
        }
        int best = 0;
        int bestScore = 0;
        for (int s = 0; s < SEPARATORS.length; s++) {
            int header = lines.getFirst()[s];
            if (header == 0) {
                continue;
            }
            int score = 0;
            for (var line : lines) {
                if (line[s] == header) {
                    score++;
                }
            }
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return SEPARATORS[best];
    }

    private static void readLines(Path file, RowHandler handler) throws IOException {
        var encoding = TextEncoding.detect(file);
        try (var in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.bomLength());
            var reader = new BufferedReader(new InputStreamReader(in, encoding.charset()), 64 * 1024);
            var line = new StringBuilder();
            long row = 1;
            int c;
            while ((c = reader.read()) != -1) {
                if (c == '\n') {
                    emitLine(handler, row++, line);
                } else if (c != '\r' && line.length() <= MAX_FIELD) {
                    line.append((char) c);
                }
            }
            emitLine(handler, row, line);
        }
    }

    private static void emitLine(RowHandler handler, long row, StringBuilder line) {
        var text = line.toString().strip();
        line.setLength(0);
        if (!text.isEmpty()) {
            handler.row(row, List.of(text));
        }
    }

    private static void readXlsx(Path file, RowHandler handler) throws IOException {
        refuseZipBomb(file);
        try (var workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(false, false));
                var rows = workbook.getFirstSheet().openStream()) {
            rows.forEach(row -> {
                int count = Math.min(row.getCellCount(), MAX_COLUMNS + 1);
                var cells = new ArrayList<String>(count);
                for (int i = 0; i < count; i++) {
                    var cell = row.getCell(i);
                    if (cell == null || cell.getType() == CellType.EMPTY) {
                        cells.add("");
                    } else if (cell.getType() == CellType.FORMULA) {
                        cells.add("=" + cell.getFormula());
                    } else if (cell.getType() == CellType.NUMBER) {
                        cells.add(number(cell.asNumber()));
                    } else {
                        var raw = cell.getText();
                        cells.add(raw == null ? "" : raw);
                    }
                }
                handler.row(row.getRowNum(), cells);
            });
        }
    }

    /** Refuses an archive whose entries would inflate to absurd sizes, before anything is inflated. */
    static void refuseZipBomb(Path file) throws IOException {
        try (var zip = new ZipFile(file.toFile())) {
            long total = 0;
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                var entry = entries.nextElement();
                long size = entry.getSize();
                long compressed = Math.max(1, entry.getCompressedSize());
                if (size < 0) {
                    throw new ImportFileException("ZIP_BOMB", 0, "Entry without a declared size");
                }
                total += size;
                if (total > MAX_INFLATED_BYTES || (size > 1024 * 1024 && size / compressed > MAX_RATIO)) {
                    throw new ImportFileException("ZIP_BOMB", 0, "The workbook would inflate too much");
                }
            }
        }
    }

    private static void readXls(Path file, RowHandler handler) throws IOException {
        try (var fs = new POIFSFileSystem(file.toFile(), true)) {
            var rows = new XlsRows(handler);
            var request = new HSSFRequest();
            request.addListenerForAllRecords(rows);
            new HSSFEventFactory().processWorkbookEvents(request, fs);
            rows.flush();
        }
    }

    static String number(BigDecimal value) {
        if (value == null) {
            return "";
        }
        var plain = value.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
    }

    /** What the receiver of the rows threw: its own failure, passed on untouched. */
    private static final class HandlerFailure extends RuntimeException {
        private final RuntimeException cause;

        HandlerFailure(RuntimeException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    /** Turns the records of the first worksheet into rows. */
    private static final class XlsRows implements HSSFListener {
        private final RowHandler handler;
        private SSTRecord strings;
        private int sheet = -1;
        private boolean inFirstSheet;
        private int currentRow = -1;
        private final ArrayList<String> cells = new ArrayList<>();

        XlsRows(RowHandler handler) {
            this.handler = handler;
        }

        @Override
        public void processRecord(Record record) {
            switch (record) {
                case BOFRecord bof
                when bof.getType() == BOFRecord.TYPE_WORKSHEET -> {
                    sheet++;
                    inFirstSheet = sheet == 0;
                }
                case EOFRecord eof -> {
                    if (inFirstSheet) {
                        flush();
                        inFirstSheet = false;
                    }
                }
                case SSTRecord sst -> strings = sst;
                default -> {
                    if (inFirstSheet && record instanceof CellValueRecordInterface cell) {
                        cell(cell.getRow(), cell.getColumn(), value(record));
                    }
                }
            }
        }

        private String value(Record record) {
            return switch (record) {
                case LabelSSTRecord label ->
                    strings == null
                            ? ""
                            : strings.getString(label.getSSTIndex()).getString();
                case LabelRecord label -> label.getValue();
                case NumberRecord number -> number(BigDecimal.valueOf(number.getValue()));
                case FormulaRecord formula -> "=formula";
                case BoolErrRecord bool -> bool.isBoolean() ? String.valueOf(bool.getBooleanValue()) : "";
                default -> "";
            };
        }

        private void cell(int row, int column, String value) {
            if (row != currentRow) {
                flush();
                currentRow = row;
            }
            if (column > MAX_COLUMNS) {
                return;
            }
            while (cells.size() <= column) {
                cells.add("");
            }
            cells.set(column, value);
        }

        void flush() {
            if (currentRow >= 0 && !cells.isEmpty()) {
                handler.row(currentRow + 1L, List.copyOf(cells));
            }
            cells.clear();
            currentRow = -1;
        }
    }
}
