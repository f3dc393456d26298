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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>An import may write through several lanes, each a transaction of its own on a connection of its own (see
 * {@link ImportLane}). Every row of an address goes to the same lane, chosen by a hash of the address, so that each
 * lane merges its addresses alone; rejected rows go to the first lane. The first lane is copied in the caller's
 * thread ({@link #fill}), every other one in a thread of its own ({@link #drain}).
 *
 * A row is marked {@code streamed} when it may be written as soon as its chunk is staged: the tenant had no
 * contacts when the import began, the row was accepted, its address has not come before in the file and it has
 * no second address (which an earlier row could have taken). Rejected rows are staged too, with their reason, so
 * that the report is written set-based as well.
 */
final class ImportStage {

    private static final String COPY = """
            COPY %s (row_number, contact_id, consent_id, repeated, streamed, email, phone, first_name,
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

    /**
     * Encoded pieces waiting for each lane: 6 MB, more than a chunk, so that while a lane runs its chunk's statements
     * the encoder can go on feeding the other lanes instead of waiting for this one.
     */
    private static final int QUEUED_PIECES = 48;

    /** Reads the rows of a file and hands each outcome to the sink, in file order. */
    @FunctionalInterface
    interface RowSource {
        void read(Consumer<ImportRowMapper.Outcome> sink);
    }

    /** Runs, in the lane's thread, after each chunk was copied into the lane's chunk table. */
    @FunctionalInterface
    interface ChunkSink {
        /** @param rowsStaged the rows of the file staged so far in all lanes, this chunk's included */
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

        static Totals sum(List<Totals> lanes) {
            return lanes.stream()
                    .reduce(
                            new Totals(0, 0, 0, 0, 0),
                            (a, b) -> new Totals(
                                    a.rows + b.rows,
                                    a.rejected + b.rejected,
                                    a.repeated + b.repeated,
                                    a.withOtherAddress + b.withOtherAddress,
                                    a.streamed + b.streamed));
        }
    }

    /** What one lane counted while the rows were encoded. */
    private static final class Count {
        long rows;
        long rejected;
        long repeated;
        long withOtherAddress;
        long streamed;
        int inPiece;

        Totals totals() {
            return new Totals(rows, rejected, repeated, withOtherAddress, streamed);
        }
    }

    private sealed interface Handover permits Rows, Bytes, End, Failed {}

    private record Rows(List<ImportRowMapper.Outcome> outcomes) implements Handover {}

    /** {@code count} rows in the first {@code length} bytes of {@code rows}, an array of {@link #spare}. */
    private record Bytes(byte[] rows, int length, int count) implements Handover {}

    /** The end of the rows, with what each lane was given. */
    private record End(List<Totals> lanes) implements Handover {}

    private record Failed() implements Handover {}

    private final TenantId tenant;
    private final Consents consents;
    private final Channel channel;
    private final JsonMapper json;
    private final ImportIds ids;
    private final boolean streaming;
    private final int lanes;
    private final List<BlockingQueue<Handover>> encoded = new ArrayList<>();
    private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
    private final AtomicLong stagedRows = new AtomicLong();
    /**
     * Arrays whose rows were copied, for the encoder to write into again: pieces are reused rather than allocated,
     * so that they age out of the young generation instead of being copied by every young collection.
     */
    private final BlockingQueue<byte[]> spare;
    // Platform threads: the two steps are busy on the CPU and would hold both carriers of the virtual threads,
    // among them the import's own, which then could not hand the next chunk to PostgreSQL.
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("import-stage-", 0).factory());

    /**
     * @param streaming whether rows may be marked {@code streamed} (the tenant has no contacts yet)
     * @param lanes how many lanes the rows are shared out to
     */
    ImportStage(
            TenantId tenant,
            Consents consents,
            Channel channel,
            JsonMapper json,
            ImportIds ids,
            boolean streaming,
            int lanes) {
        this.tenant = tenant;
        this.consents = consents;
        this.channel = channel;
        this.json = json;
        this.ids = ids;
        this.streaming = streaming;
        this.lanes = lanes;
        for (int lane = 0; lane < lanes; lane++) {
            encoded.add(new ArrayBlockingQueue<>(QUEUED_PIECES));
        }
        this.spare = new ArrayBlockingQueue<>((QUEUED_PIECES + 2) * lanes);
    }

    /** Whether rows may be marked {@code streamed}: written while the file is read (the tenant had no contacts). */
    boolean streaming() {
        return streaming;
    }

    private byte[] spareArray() {
        var array = spare.poll();
        return array != null ? array : new byte[PIECE + 4096];
    }

    /**
     * Reads and stages every row the source reads, copying the first lane's into {@code chunkTable} on {@code
     * connection}; the other lanes must be drained meanwhile ({@link #drain}). A failure of any step or lane (a
     * broken file, a database error) ends them all and is thrown here: the first one, not the interruptions it
     * caused.
     *
     * @return what each lane was given
     */
    List<Totals> fill(Connection connection, String chunkTable, RowSource source, ChunkSink chunks) {
        var read = new ArrayBlockingQueue<Handover>(QUEUED_BATCHES);
        try {
            try {
                threads.submit(() -> handOver(List.of(read), () -> readRows(source, read)));
                threads.submit(() -> handOver(encoded, () -> encode(read)));
            } catch (RejectedExecutionException e) {
                throw failure(); // another lane failed before the reading began
            }
            var end = copy(connection, chunkTable, encoded.getFirst(), chunks);
            if (end instanceof End(var totals) && firstFailure.get() == null) {
                return totals;
            }
            throw failure();
        } finally {
            // Ends the steps still waiting on a queue after a failure; after success they have ended already.
            threads.shutdownNow();
            threads.close();
        }
    }

    /**
     * Copies the rows of lane {@code lane} (from 1) into {@code chunkTable} on {@code connection}, in the lane's
     * thread, until the file ends. A failure here ends the reading and every other lane too.
     */
    void drain(int lane, Connection connection, String chunkTable, ChunkSink chunks) {
        try {
            if (!(copy(connection, chunkTable, encoded.get(lane), chunks) instanceof End)) {
                throw failure();
            }
        } catch (RuntimeException e) {
            abandon(e);
            throw e;
        }
    }

    /** Ends the reading and every lane after {@code cause} (unless another failure came first). */
    void abandon(RuntimeException cause) {
        firstFailure.compareAndSet(null, cause);
        threads.shutdownNow();
        for (var queue : encoded) {
            queue.clear();
            queue.offer(new Failed());
        }
    }

    private RuntimeException failure() {
        var failure = firstFailure.get();
        return failure != null ? failure : new IllegalStateException("Staging import rows failed");
    }

    /**
     * Runs a step in the import's tenant scope. If it fails, it records the failure (unless another step failed
     * first: then this one is only its consequence) and tells the next steps.
     */
    private void handOver(List<BlockingQueue<Handover>> next, Runnable step) {
        try {
            TenantScope.run(tenant, step);
        } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, e);
            failNext(next);
        } catch (Error e) {
            firstFailure.compareAndSet(null, new IllegalStateException("Staging import rows failed", e));
            failNext(next);
            throw e;
        }
    }

    private static void failNext(List<BlockingQueue<Handover>> next) {
        for (var queue : next) {
            queue.clear();
            queue.offer(new Failed());
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

    private void encode(BlockingQueue<Handover> read) {
        var seen = new SeenKeys();
        var counts = new Count[lanes];
        var encodings = new BinaryCopyRows[lanes];
        for (int lane = 0; lane < lanes; lane++) {
            counts[lane] = new Count();
            encodings[lane] = new BinaryCopyRows(PIECE + 4096);
        }
        while (true) {
            var next = take(read);
            if (!(next instanceof Rows(var outcomes))) {
                var last = next instanceof End
                        ? new End(Arrays.stream(counts).map(Count::totals).toList())
                        : next;
                // The first lane's last: once it has its end, fill() returns and stops this thread, so every other
                // lane must have had its own by then.
                for (int lane = lanes - 1; lane >= 0; lane--) {
                    put(encoded.get(lane), last);
                }
                return;
            }
            var suppressed = consents.suppressedAmong(channel, keys(outcomes));
            for (var outcome : outcomes) {
                int lane = 0;
                switch (outcome) {
                    case ImportRowMapper.Accepted accepted
                    when suppressed.contains(key(accepted.contact())) -> {
                        rejectedRow(encodings[lane], accepted.row(), keyField(), "SUPPRESSED");
                        counts[lane].rejected++;
                    }
                    case ImportRowMapper.Accepted accepted -> {
                        var contact = accepted.contact();
                        var key = key(contact);
                        lane = laneOf(key);
                        var count = counts[lane];
                        boolean again = seen.add(key);
                        boolean secondAddress = otherAddress(contact) != null;
                        count.repeated += again ? 1 : 0;
                        count.withOtherAddress += secondAddress ? 1 : 0;
                        boolean early = streaming && !again && !secondAddress;
                        count.streamed += early ? 1 : 0;
                        acceptedRow(encodings[lane], accepted.row(), again, early, contact);
                    }
                    case ImportRowMapper.Rejected refused -> {
                        rejectedRow(encodings[lane], refused.row(), refused.field(), refused.code());
                        counts[lane].rejected++;
                    }
                }
                var count = counts[lane];
                count.rows++;
                count.inPiece++;
                if (encodings[lane].length() >= PIECE) {
                    handOverPiece(encoded.get(lane), encodings[lane], count);
                }
            }
            for (int lane = 0; lane < lanes; lane++) {
                if (counts[lane].inPiece > 0) {
                    handOverPiece(encoded.get(lane), encodings[lane], counts[lane]);
                }
            }
        }
    }

    /** The lane of an address: every row of one address goes to the same lane. */
    private int laneOf(String key) {
        return laneOf(key, lanes);
    }

    static int laneOf(String key, int lanes) {
        if (lanes == 1) {
            return 0;
        }
        int hash = key.hashCode() * 0x9E3779B9;
        return Math.floorMod(hash ^ (hash >>> 16), lanes);
    }

    private void handOverPiece(BlockingQueue<Handover> encoded, BinaryCopyRows encoding, Count count) {
        int length = encoding.length();
        put(encoded, new Bytes(encoding.swap(spareArray()), length, count.inPiece));
        count.inPiece = 0;
    }

    private Handover copy(Connection connection, String chunkTable, BlockingQueue<Handover> encoded, ChunkSink chunks) {
        CopyIn copy = null;
        int inChunk = 0;
        try {
            while (true) {
                var next = take(encoded);
                if (next instanceof Bytes(var rows, var length, var count)) {
                    if (copy == null) {
                        copy = connection
                                .unwrap(PGConnection.class)
                                .getCopyAPI()
                                .copyIn(COPY.formatted(chunkTable));
                        copy.writeToCopy(BinaryCopyRows.HEADER, 0, BinaryCopyRows.HEADER.length);
                    }
                    copy.writeToCopy(rows, 0, length);
                    spare.offer(rows);
                    inChunk += count;
                    long staged = stagedRows.addAndGet(count);
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
                        chunks.staged(stagedRows.get());
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
