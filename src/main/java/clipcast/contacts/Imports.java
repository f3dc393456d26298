package clipcast.contacts;

import clipcast.TimeOrderedIds;
import clipcast.consent.Channel;
import clipcast.consent.ConsentMethod;
import clipcast.consent.Consents;
import clipcast.consent.ImportEvidence;
import clipcast.contacts.domain.ImportFileException;
import clipcast.contacts.domain.ImportFileType;
import clipcast.contacts.domain.ImportFiles;
import clipcast.contacts.domain.ImportRowMapper;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contact imports with consent evidence. A file is read in constant memory, every row checked and streamed with
 * COPY into a staging table while the file is still being read ({@link ImportStage}); then, set-based, the good rows
 * become contacts and list entries ({@link ImportMerge}), the consents are appended and the rejected rows reported —
 * all in one transaction, so an import either completes or leaves nothing behind. When the tenant has no contacts
 * yet, the rows of addresses met for the first time are written with their consents chunk by chunk while the rest
 * of the file is read. Imports run in the background (at most two at a time per node) in the tenant scope of whoever
 * started them.
 *
 * <p>A large file (into a new tenant or one with contacts) is written through several lanes, each a transaction of
 * its own on a backend of its own, so that more than one core writes ({@link ImportLane}): the rows of each address go
 * to one lane, each lane writes and merges its own, and the other lanes' transactions are prepared and committed with
 * the first lane's, or rolled back with it ({@link PreparedLanes}). Only the few rows that give a second address
 * (a phone number in an email import) are compared across lanes, before the merge.
 */
@Service
public class Imports {

    private static final Logger log = LoggerFactory.getLogger(Imports.class);
    static final int MAX_REPORTED_ERRORS = 10_000;

    private final ImportRepository imports;
    private final Consents consents;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final TransactionTemplate progressTransactions;
    private final JsonMapper json;
    private final Clock clock;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore running = new Semaphore(2);
    private final ImportLeases leases;
    private final PreparedLanes preparedLanes;
    private volatile int lanes;
    private volatile long lanesFrom;
    private volatile int lastLanes;

    Imports(
            ImportRepository imports,
            Consents consents,
            JdbcClient jdbc,
            DataSource dataSource,
            TransactionTemplate transactions,
            JsonMapper json,
            ImportLeases leases,
            PreparedLanes preparedLanes,
            @Value("${clipcast.imports.lanes:3}") int lanes,
            @Value("${clipcast.imports.lanes-from:16MB}") DataSize lanesFrom,
            @Value("${clipcast.db.pool-size:20}") int poolSize,
            Clock clock) {
        this.imports = imports;
        this.leases = leases;
        this.preparedLanes = preparedLanes;
        // Each lane holds a connection for the whole import, and an import needs two more meanwhile (suppression,
        // progress); two imports run at once. A pool too small for that would leave the lanes waiting on each other.
        this.lanes = Math.clamp(lanes, 1, Math.max(1, (poolSize - 8) / 2));
        this.lanesFrom = lanesFrom.toBytes();
        this.consents = consents;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        // Progress is committed on its own, beside the import's transaction, so that the job's page can show it.
        this.progressTransactions = new TransactionTemplate(transactions.getTransactionManager());
        this.progressTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records the import and starts it in the background. The file becomes the import's: it is deleted when done.
     *
     * @param attestation checked by the caller (channel EMAIL or SMS, not purchased, texts present)
     * @param sha256 the file's SHA-256 in hex, as the caller computed it while storing the file
     */
    public UUID start(ImportAttestation attestation, String fileName, ImportFileType type, Path file, String sha256) {
        var tenant = TenantScope.requireTenant();
        var id = TimeOrderedIds.next(clock);
        imports.insert(tenant, id, fileName, sha256, attestation, leases.firstLeaseEnd());
        leases.hold(tenant, id);
        workers.submit(() -> {
            running.acquireUninterruptibly();
            try {
                TenantScope.run(tenant, () -> run(new Job(tenant, id, sha256, attestation, type, file)));
            } finally {
                running.release();
                leases.release(tenant, id);
                deleteQuietly(file);
            }
        });
        return id;
    }

    public Optional<ImportJob> find(UUID id) {
        return imports.find(TenantScope.requireTenant(), id, MAX_REPORTED_ERRORS);
    }

    /** For tests: how many lanes imports may use, and from which file size. */
    void lanes(int lanes, long fromBytes) {
        this.lanes = Math.max(1, lanes);
        this.lanesFrom = fromBytes;
    }

    /** For tests: how many lanes the last import that began writing used. */
    int lastLanes() {
        return lastLanes;
    }

    /** An import to run: whose, which, the file's hash, the attestation, and the file. */
    private record Job(
            TenantId tenant, UUID id, String sha256, ImportAttestation attestation, ImportFileType type, Path file) {}

    private void run(Job job) {
        var tenant = job.tenant();
        var id = job.id();
        try {
            try {
                attempt(1, false, job);
            } catch (DuplicateKeyException e) {
                // A contact with one of the file's new addresses was committed meanwhile: this time it is merged.
                log.info("Import {} met an address added meanwhile; running it again", id);
                attempt(2, false, job);
            } catch (RuntimeException e) {
                if (!PreparedLanes.outOfSlots(e)) {
                    throw e;
                }
                log.warn(
                        "Import {} found no prepared transaction free for its lanes (raise max_prepared_transactions);"
                                + " running it again in one lane",
                        id);
                attempt(2, true, job);
            }
        } catch (ImportFileException e) {
            transactions.executeWithoutResult(status -> imports.fail(tenant, id, e.row(), e.code(), clock.instant()));
        } catch (RuntimeException e) {
            log.error("Import {} failed", id, e);
            transactions.executeWithoutResult(status -> imports.fail(tenant, id, 0, "IMPORT_FAILED", clock.instant()));
        }
    }

    /**
     * One attempt at the import: its transaction, and those of its other lanes, which are committed after it or
     * rolled back with it.
     */
    private void attempt(int attempt, boolean oneLane, Job job) {
        var prepared = new ArrayList<String>();
        try {
            transactions.executeWithoutResult(status -> process(attempt, oneLane, job, prepared));
        } catch (RuntimeException | Error e) {
            // The first lane rolled back (or its end is unknown): each prepared lane ends as the import did.
            prepared.forEach(preparedLanes::resolve);
            throw e;
        }
        prepared.forEach(preparedLanes::commit);
    }

    private void process(int attempt, boolean oneLane, Job job, List<String> prepared) {
        var tenant = job.tenant();
        var id = job.id();
        var attestation = job.attestation();
        var file = job.file();
        var timings = new ImportTimings();
        var channel = attestation.channel();
        var first = new ImportMerge(jdbc, tenant, channel, ImportTables.TEMPORARY);
        boolean known = first.tenantHasContacts();
        int lanes = oneLane || fileSize(file) < lanesFrom || !preparedLanes.available() ? 1 : this.lanes;
        lastLanes = lanes;
        var evidence = new ImportEvidence(
                id,
                job.sha256(),
                attestation.channel(),
                attestation.purpose(),
                ConsentMethod.IMPORT,
                attestation.consentText(),
                attestation.sourceDescription() + " (collected by " + attestation.consentMethod() + ")",
                attestation.collectedAt());
        if (lanes > 1) {
            // Held until this transaction ends, so that no one ends a prepared lane before the import is decided.
            preparedLanes.holdImportLock(id);
            // Every lane's entries refer to the evidence, so it must be committed before any lane writes them.
            progressTransactions.executeWithoutResult(status -> consents.recordImportEvidence(evidence));
        }
        raiseWorkMem();
        first.createTables();
        var stage = new ImportStage(tenant, consents, channel, json, new ImportIds(clock), !known, lanes);
        var others = new ArrayList<ImportLane>();
        var progress = new ImportProgress(
                tenant,
                rows -> progressTransactions.executeWithoutResult(status -> imports.progress(tenant, id, rows)));
        try {
            var merges = new ArrayList<ImportMerge>(List.of(first));
            var staging = new ArrayList<Future<Void>>();
            for (int lane = 1; lane < lanes; lane++) {
                var worker = ImportLane.start(transactions, jdbc, tenant, "import-lane-" + lane, stage::abandon);
                others.add(worker);
                var merge = new ImportMerge(jdbc, tenant, channel, ImportTables.ofLane(id, lane));
                merges.add(merge);
                int number = lane;
                staging.add(worker.submit(() -> stageLane(stage, number, merge, evidence)));
            }
            List<ImportStage.Totals> staged;
            var connection = DataSourceUtils.getConnection(dataSource);
            try {
                staged = stage.fill(
                        connection,
                        ImportTables.TEMPORARY.chunk(),
                        sink -> readRows(attestation, job.type(), file, sink),
                        rowsStaged -> {
                            writeChunk(stage, first, evidence);
                            progress.report(rowsStaged);
                        });
            } catch (RuntimeException e) {
                stage.abandon(e);
                throw e;
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
            staging.forEach(ImportLane::await);
            var total = ImportStage.Totals.sum(staged);
            timings.lap((known ? "read and staged" : "read, staged, new contacts and their consents written")
                    + (lanes > 1 ? " (" + lanes + " lanes)" : ""));
            long taken = 0;
            if (total.withOtherAddress() > 0) {
                taken = lanes == 1 ? first.rejectTakenAddresses() : rejectTakenAcrossLanes(merges, others);
                timings.lap("taken addresses");
            }
            boolean report = total.rejected() > 0 || taken > 0 || known;
            var rejectedInLanes = new ArrayList<Future<Long>>();
            for (int lane = 1; lane < lanes; lane++) {
                var merge = merges.get(lane);
                var laneStaged = staged.get(lane);
                rejectedInLanes.add(others.get(lane - 1).submit(() -> {
                    long rejected = writeLane(id, merge, laneStaged, known, report, evidence, new ImportTimings());
                    merge.dropTables();
                    return rejected;
                }));
            }
            long rejected = writeLane(id, first, staged.getFirst(), known, report, evidence, timings);
            for (var lane : rejectedInLanes) {
                rejected += ImportLane.await(lane);
            }
            if (lanes > 1) {
                timings.lap("other lanes written");
            }
            for (int lane = 1; lane < lanes; lane++) {
                var gid = ImportLane.gid(id, attempt, lane);
                prepared.add(gid);
                others.get(lane - 1).prepare(gid);
            }
            imports.finish(tenant, id, total.rows(), rejected, clock.instant());
            timings.lap("report");
            log.info("Import {}: {} rows, {} rejected; {}", id, total.rows(), rejected, timings);
        } finally {
            progress.close();
            others.forEach(ImportLane::close);
        }
    }

    /** Sorts and hashes of a million staged rows fit in memory instead of spilling to disk (this transaction only). */
    private void raiseWorkMem() {
        jdbc.sql("SELECT set_config('work_mem', '256MB', true)").query().singleValue();
    }

    /**
     * In lane {@code lane}'s thread and transaction: its tables, then its rows as the reading hands them over, each
     * chunk's new contacts, lists and consents written at once.
     */
    private Void stageLane(ImportStage stage, int lane, ImportMerge merge, ImportEvidence evidence) {
        raiseWorkMem();
        merge.createTables();
        var connection = DataSourceUtils.getConnection(dataSource);
        try {
            stage.drain(lane, connection, merge.tables().chunk(), rowsStaged -> writeChunk(stage, merge, evidence));
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return null;
    }

    /**
     * After a chunk was copied into a lane's chunk table: its streamed rows become contacts, lists and consents at
     * once (when the tenant had no contacts), and the rest moves into the lane's stage.
     */
    private void writeChunk(ImportStage stage, ImportMerge merge, ImportEvidence evidence) {
        if (stage.streaming()) {
            merge.writeStreamedRows();
            consents.recordImportedForNewContacts(evidence, merge.tables().chunk(), "streamed");
        }
        merge.moveChunkToStage();
    }

    /**
     * Merges a lane's staged rows, records their consents and reports its rejected rows, in the lane's transaction.
     *
     * @return how many of its rows were rejected
     */
    private long writeLane(
            UUID id,
            ImportMerge merge,
            ImportStage.Totals staged,
            boolean known,
            boolean report,
            ImportEvidence evidence,
            ImportTimings timings) {
        merge.run(staged, known, timings);
        if (staged.unwritten()) {
            consents.recordImported(evidence, merge.tables().stage());
            timings.lap("consents");
        }
        return report ? merge.reportRejected(id) : 0;
    }

    /**
     * Rejects the rows whose second address another key claims, when the keys are spread over several lanes: the
     * first lane gathers every lane's claims, decides the addresses that several keys claim, and each lane applies
     * those rules to its own rows. The claims travel through temporary files, in PostgreSQL's binary COPY format.
     *
     * @return how many rows were rejected
     */
    private long rejectTakenAcrossLanes(List<ImportMerge> merges, List<ImportLane> others) {
        var files = new ArrayList<Path>();
        var pending = new ArrayList<Future<?>>();
        try {
            var claims = new ArrayList<Future<Path>>();
            for (int lane = 1; lane < merges.size(); lane++) {
                var merge = merges.get(lane);
                claims.add(others.get(lane - 1).submit(() -> copyOut(merge.claimsOut(), files)));
            }
            pending.addAll(claims);
            var first = merges.getFirst();
            first.gatherOwnClaims();
            for (var lane : claims) {
                copyIn(first.claimsIn(), ImportLane.await(lane));
            }
            first.decideClaims();
            var rules = copyOut(first.rulesOut(), files);
            var taken = new ArrayList<Future<Long>>();
            for (int lane = 1; lane < merges.size(); lane++) {
                var merge = merges.get(lane);
                taken.add(others.get(lane - 1).submit(() -> {
                    merge.createRules();
                    copyIn(merge.rulesIn(), rules);
                    return merge.rejectTakenAddressesByRules();
                }));
            }
            pending.addAll(taken);
            long rejected = first.rejectTakenAddressesByRules();
            for (var lane : taken) {
                rejected += ImportLane.await(lane);
            }
            return rejected;
        } finally {
            // After a failure another lane may still be writing its file: the files go once every lane is done.
            pending.forEach(Imports::awaitQuietly);
            synchronized (files) {
                files.forEach(Imports::deleteQuietly);
            }
        }
    }

    /** Runs a {@code COPY … TO STDOUT} in the calling thread's transaction into a new temporary file. */
    private Path copyOut(String sql, List<Path> files) {
        var connection = DataSourceUtils.getConnection(dataSource);
        try {
            Path file;
            synchronized (files) {
                file = Files.createTempFile("clipcast-import-", ".copy");
                files.add(file);
            }
            try (var out = Files.newOutputStream(file)) {
                copyApi(connection).copyOut(sql, out);
            }
            return file;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not pass import claims between lanes", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Runs a {@code COPY … FROM STDIN} in the calling thread's transaction from a file. */
    private void copyIn(String sql, Path file) {
        var connection = DataSourceUtils.getConnection(dataSource);
        try (var in = Files.newInputStream(file)) {
            copyApi(connection).copyIn(sql, in);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not pass import claims between lanes", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static CopyManager copyApi(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }

    private static void awaitQuietly(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // Thrown already to whoever waited on it first.
        }
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Reads the file's rows through the mapper its header (or its type) calls for. */
    private void readRows(
            ImportAttestation attestation,
            ImportFileType type,
            Path file,
            java.util.function.Consumer<ImportRowMapper.Outcome> sink) {
        var key = attestation.channel() == Channel.EMAIL ? ImportRowMapper.Key.EMAIL : ImportRowMapper.Key.PHONE;
        var today = LocalDate.now(clock);
        ImportRowMapper[] mapper = {
            type.hasHeader() ? null : ImportRowMapper.forLines(key, attestation.defaultCountry(), today)
        };
        ImportFiles.read(file, type, (row, cells) -> {
            if (mapper[0] == null) {
                mapper[0] = ImportRowMapper.withHeader(cells, key, attestation.defaultCountry(), today);
            } else {
                sink.accept(mapper[0].map(row, cells));
            }
        });
        if (mapper[0] == null) {
            throw new ImportFileException("EMPTY_FILE", 0, "No rows");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the import file {}", file);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
