package clipcast.contacts;

import clipcast.consent.Channel;
import clipcast.consent.Consents;
import clipcast.contacts.domain.ImportRowMapper;
import clipcast.contacts.domain.NormalisedContact;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of one import on their way into the temporary table {@code import_stage} of the import's transaction,
 * streamed with COPY while the file is still being read. Three steps run at once and hand batches to each other
 * through short queues, so memory stays constant whatever the file's length:
 *
 * <ol>
 *   <li>reading and checking the rows (the caller's {@link RowSource});
 *   <li>checking each batch against suppression (one query a batch, on a connection of its own: the transaction's
 *       is busy with the COPY), giving each accepted row its contact id and noting whether its address may have
 *       come before in the file ({@link SeenKeys});
 *   <li>in the caller's thread, on the transaction's connection: COPY into {@code import_chunk}, and every
 *       {@link #CHUNK} rows, the caller's {@link ChunkSink}, which moves the chunk into the stage and may already
 *       write some of its rows while the next chunk is being read.
 * </ol>
 *
 * A row is marked {@code streamed} when it may be written as soon as its chunk is staged: the tenant had no
 * contacts when the import began, the row was accepted, its address has not come before in the file and it has
 * no second address (which an earlier row could have taken). Rejected rows are staged too, with their reason, so
 * that the report is written set-based as well.
 */
final class ImportStage {

    static final String TABLE = "import_stage";
    /** Where each chunk is copied, then moved into the stage; it holds one chunk at a time. */
    static final String CHUNK_TABLE = "import_chunk";

    static final List<String> CREATE =
            List.of("""
            CREATE TEMP TABLE import_stage (
                row_number bigint NOT NULL, contact_id uuid, consent_id uuid, repeated boolean NOT NULL,
                streamed boolean NOT NULL, email text, phone text, first_name text, last_name text, country text,
                language text, time_zone text, time_zone_source text, birth_date date, attributes jsonb, lists text,
                error_field text, error_code text
            ) ON COMMIT DROP""", "CREATE TEMP TABLE import_chunk (LIKE import_stage) ON COMMIT DROP");
    private static final String COPY = """
            COPY import_chunk (row_number, contact_id, consent_id, repeated, streamed, email, phone, first_name,
                last_name, country, language, time_zone, time_zone_source, birth_date, attributes, lists,
                error_field, error_code)
            FROM STDIN (FORMAT binary)""";
    private static final int COLUMNS = 18;
    static final int BATCH = 5_000;
    /** Rows per chunk: small enough for the 8 MB of temp_buffers, large enough that statements are few. */
    static final int CHUNK = 20_000;

    private static final int QUEUED_BATCHES = 2;
    /**
     * Encoded rows go to the COPY in pieces of about this many bytes: small enough that no piece is a humongous
     * object for the garbage collector (half a region: 512 KB with a 1 GB heap), which would start a collection each.
     */
    private static final int PIECE = 128 * 1024;

    private static final int QUEUED_PIECES = 16;

    /** Reads the rows of a file and hands each outcome to the sink, in file order. */
    @FunctionalInterface
    interface RowSource {
        void read(Consumer<ImportRowMapper.Outcome> sink);
    }

    /** Runs, in the caller's thread, after each chunk was copied into {@code import_chunk}. */
    @FunctionalInterface
    interface ChunkSink {
        /** @param rowsStaged the rows of the file staged so far, this chunk's included */
        void staged(long rowsStaged);
    }

    /**
     * What was staged.
     *
     * @param repeated accepted rows whose address may have come before in the file
     * @param withOtherAddress accepted rows that also carry the address of the other channel (a phone number in an
     *     email import), which another contact may hold
     * @param streamed accepted rows written while the file was read
     */
    record Totals(long rows, long rejected, long repeated, long withOtherAddress, long streamed) {

        /** Whether accepted rows remain to be written after the reading. */
        boolean unwritten() {
            return rows - rejected > streamed;
        }
    }

    private sealed interface Handover permits Rows, Bytes, End, Failed {}

    private record Rows(List<ImportRowMapper.Outcome> outcomes) implements Handover {}

    private record Bytes(byte[] rows, int count) implements Handover {}

    private record End(Totals totals) implements Handover {}

    private record Failed() implements Handover {}

    private final TenantId tenant;
    private final Consents consents;
    private final Channel channel;
    private final JsonMapper json;
    private final ImportIds ids;
    private final boolean streaming;

    /** @param streaming whether rows may be marked {@code streamed} (the tenant has no contacts yet) */
    ImportStage(
            TenantId tenant, Consents consents, Channel channel, JsonMapper json, ImportIds ids, boolean streaming) {
        this.tenant = tenant;
        this.consents = consents;
        this.channel = channel;
        this.json = json;
        this.ids = ids;
        this.streaming = streaming;
    }

    /**
     * Stages every row the source reads. A failure of any step (a broken file, a database error) ends all three
     * and is thrown here: the first one, not the interruptions it caused.
     */
    Totals fill(Connection connection, RowSource source, ChunkSink chunks) {
        var read = new ArrayBlockingQueue<Handover>(QUEUED_BATCHES);
        var encoded = new ArrayBlockingQueue<Handover>(QUEUED_PIECES);
        var firstFailure = new AtomicReference<RuntimeException>();
        // Platform threads: the two steps are busy on the CPU and would hold both carriers of the virtual threads,
        // among them the import's own, which then could not hand the next chunk to PostgreSQL.
        var threads = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("import-stage-", 0).factory());
        try {
            threads.submit(() -> handOver(read, firstFailure, () -> readRows(source, read)));
            threads.submit(() -> handOver(encoded, firstFailure, () -> encode(read, encoded)));
            if (copy(connection, encoded, chunks) instanceof End(var totals)) {
                return totals;
            }
            throw firstFailure.get();
        } finally {
            // Ends the steps still waiting on a queue after a failure; after success they have ended already.
            threads.shutdownNow();
            threads.close();
        }
    }

    /**
     * Runs a step in the import's tenant scope. If it fails, it records the failure (unless another step failed
     * first: then this one is only its consequence) and tells the next step.
     */
    private void handOver(BlockingQueue<Handover> next, AtomicReference<RuntimeException> firstFailure, Runnable step) {
        try {
            TenantScope.run(tenant, step);
        } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, e);
            next.clear();
            next.offer(new Failed());
        } catch (Error e) {
            firstFailure.compareAndSet(null, new IllegalStateException("Staging import rows failed", e));
            next.clear();
            next.offer(new Failed());
            throw e;
        }
    }

    private static void readRows(RowSource source, BlockingQueue<Handover> read) {
        var batch = new ArrayList<ImportRowMapper.Outcome>(BATCH);
        source.read(outcome -> {
            batch.add(outcome);
            if (batch.size() == BATCH) {
                put(read, new Rows(List.copyOf(batch)));
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            put(read, new Rows(List.copyOf(batch)));
        }
        put(read, new End(null));
    }

    private void encode(BlockingQueue<Handover> read, BlockingQueue<Handover> encoded) {
        var seen = new SeenKeys();
        long rows = 0;
        long rejected = 0;
        long repeated = 0;
        long withOtherAddress = 0;
        long streamed = 0;
        var encoding = new BinaryCopyRows(PIECE + 4096);
        while (true) {
            var next = take(read);
            if (!(next instanceof Rows(var outcomes))) {
                if (next instanceof End) {
                    put(encoded, new End(new Totals(rows, rejected, repeated, withOtherAddress, streamed)));
                } else {
                    put(encoded, next);
                }
                return;
            }
            var suppressed = consents.suppressedAmong(channel, keys(outcomes));
            int inPiece = 0;
            for (var outcome : outcomes) {
                switch (outcome) {
                    case ImportRowMapper.Accepted accepted
                    when suppressed.contains(key(accepted.contact())) -> {
                        rejectedRow(encoding, accepted.row(), keyField(), "SUPPRESSED");
                        rejected++;
                    }
                    case ImportRowMapper.Accepted accepted -> {
                        var contact = accepted.contact();
                        boolean again = seen.add(key(contact));
                        boolean secondAddress = otherAddress(contact) != null;
                        repeated += again ? 1 : 0;
                        withOtherAddress += secondAddress ? 1 : 0;
                        boolean early = streaming && !again && !secondAddress;
                        streamed += early ? 1 : 0;
                        acceptedRow(encoding, accepted.row(), again, early, contact);
                    }
                    case ImportRowMapper.Rejected refused -> {
                        rejectedRow(encoding, refused.row(), refused.field(), refused.code());
                        rejected++;
                    }
                }
                inPiece++;
                if (encoding.length() >= PIECE) {
                    handOverPiece(encoded, encoding, inPiece);
                    inPiece = 0;
                }
            }
            if (inPiece > 0) {
                handOverPiece(encoded, encoding, inPiece);
            }
            rows += outcomes.size();
        }
    }

    private static void handOverPiece(BlockingQueue<Handover> encoded, BinaryCopyRows encoding, int rows) {
        put(encoded, new Bytes(encoding.take(), rows));
    }

    private static Handover copy(Connection connection, BlockingQueue<Handover> encoded, ChunkSink chunks) {
        CopyIn copy = null;
        int inChunk = 0;
        long staged = 0;
        try {
            while (true) {
                var next = take(encoded);
                if (next instanceof Bytes(var rows, var count)) {
                    if (copy == null) {
                        copy = connection
                                .unwrap(PGConnection.class)
                                .getCopyAPI()
                                .copyIn(COPY);
                        copy.writeToCopy(BinaryCopyRows.HEADER, 0, BinaryCopyRows.HEADER.length);
                    }
                    copy.writeToCopy(rows, 0, rows.length);
                    inChunk += count;
                    staged += count;
                    if (inChunk >= CHUNK) {
                        copy.writeToCopy(BinaryCopyRows.TRAILER, 0, BinaryCopyRows.TRAILER.length);
                        copy.endCopy();
                        copy = null;
                        inChunk = 0;
                        chunks.staged(staged);
                    }
                } else if (next instanceof End) {
                    if (copy != null) {
                        copy.writeToCopy(BinaryCopyRows.TRAILER, 0, BinaryCopyRows.TRAILER.length);
                        copy.endCopy();
                        copy = null;
                        chunks.staged(staged);
                    }
                    return next;
                } else {
                    return next;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Staging import rows failed", e);
        } finally {
            cancelQuietly(copy);
        }
    }

    private static void cancelQuietly(CopyIn copy) {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // The transaction is failing already; its rollback ends the COPY.
            }
        }
    }

    private List<String> keys(List<ImportRowMapper.Outcome> outcomes) {
        var keys = new ArrayList<String>(outcomes.size());
        for (var outcome : outcomes) {
            if (outcome instanceof ImportRowMapper.Accepted accepted) {
                keys.add(key(accepted.contact()));
            }
        }
        return keys;
    }

    private String keyField() {
        return channel == Channel.EMAIL ? "email" : "phone";
    }

    private String key(NormalisedContact contact) {
        return channel == Channel.EMAIL
                ? contact.email().value()
                : contact.phone().e164();
    }

    private Object otherAddress(NormalisedContact contact) {
        return channel == Channel.EMAIL ? contact.phone() : contact.email();
    }

    private void acceptedRow(
            BinaryCopyRows rows, long row, boolean repeated, boolean streamed, NormalisedContact contact) {
        rows.row(COLUMNS)
                .bigint(row)
                .uuid(ids.next())
                .uuid(ids.next())
                .bool(repeated)
                .bool(streamed);
        rows.text(contact.email() == null ? null : contact.email().value());
        rows.text(contact.phone() == null ? null : contact.phone().e164());
        rows.text(contact.firstName())
                .text(contact.lastName())
                .text(contact.country())
                .text(contact.language());
        rows.text(contact.timeZone());
        rows.text(
                contact.timeZoneSource() == null
                        ? null
                        : contact.timeZoneSource().name());
        rows.date(contact.birthDate());
        rows.jsonb(contact.attributes().isEmpty() ? null : json.writeValueAsString(contact.attributes()));
        rows.text(contact.lists().isEmpty() ? null : String.join("\u001f", contact.lists()));
        rows.nullValue().nullValue();
    }

    private static void rejectedRow(BinaryCopyRows rows, long row, String field, String code) {
        rows.row(COLUMNS).bigint(row).nullValue().nullValue().bool(false).bool(false);
        for (int i = 0; i < 11; i++) {
            rows.nullValue();
        }
        rows.text(field).text(code);
    }

    private static Handover take(BlockingQueue<Handover> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while staging import rows", e);
        }
    }

    private static void put(BlockingQueue<Handover> queue, Handover handover) {
        try {
            queue.put(handover);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while staging import rows", e);
        }
    }
}
