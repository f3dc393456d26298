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
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contact imports with consent evidence. A file is read in constant memory, every row checked and streamed with
 * COPY into a staging table while the file is still being read ({@link ImportStage}); then, set-based, the good rows
 * become contacts and list entries ({@link ImportMerge}), the consents are appended and the rejected rows reported —
 * all in one transaction, so an import either completes or leaves nothing behind. When the tenant has no contacts
 * yet, the rows of addresses met for the first time are written with their consents chunk by chunk while the rest
 * of the file is read. Imports run in the background (at most two at a time per node) in the tenant scope of whoever
 * started them.
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

    Imports(
            ImportRepository imports,
            Consents consents,
            JdbcClient jdbc,
            DataSource dataSource,
            TransactionTemplate transactions,
            JsonMapper json,
            ImportLeases leases,
            Clock clock) {
        this.imports = imports;
        this.leases = leases;
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
                TenantScope.run(tenant, () -> run(tenant, id, sha256, attestation, type, file));
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

    private void run(
            TenantId tenant, UUID id, String sha256, ImportAttestation attestation, ImportFileType type, Path file) {
        try {
            try {
                transactions.executeWithoutResult(status -> process(tenant, id, sha256, attestation, type, file));
            } catch (DuplicateKeyException e) {
                // A contact with one of the file's new addresses was committed meanwhile: this time it is merged.
                log.info("Import {} met an address added meanwhile; running it again", id);
                transactions.executeWithoutResult(status -> process(tenant, id, sha256, attestation, type, file));
            }
        } catch (ImportFileException e) {
            transactions.executeWithoutResult(status -> imports.fail(tenant, id, e.row(), e.code(), clock.instant()));
        } catch (RuntimeException e) {
            log.error("Import {} failed", id, e);
            transactions.executeWithoutResult(status -> imports.fail(tenant, id, 0, "IMPORT_FAILED", clock.instant()));
        }
    }

    private void process(
            TenantId tenant, UUID id, String sha256, ImportAttestation attestation, ImportFileType type, Path file) {
        var timings = new ImportTimings();
        // Sorts and hashes of a million staged rows fit in memory instead of spilling to disk (this transaction only).
        jdbc.sql("SELECT set_config('work_mem', '256MB', true)").query().singleValue();
        ImportStage.CREATE.forEach(table -> jdbc.sql(table).update());
        var merge = new ImportMerge(jdbc, tenant, attestation.channel());
        boolean known = merge.tenantHasContacts();
        var stage = new ImportStage(tenant, consents, attestation.channel(), json, new ImportIds(clock), !known);
        var evidence = new ImportEvidence(
                id,
                sha256,
                attestation.channel(),
                attestation.purpose(),
                ConsentMethod.IMPORT,
                attestation.consentText(),
                attestation.sourceDescription() + " (collected by " + attestation.consentMethod() + ")",
                attestation.collectedAt());
        var connection = DataSourceUtils.getConnection(dataSource);
        ImportStage.Totals staged;
        try {
            staged = stage.fill(connection, sink -> readRows(attestation, type, file, sink), rowsStaged -> {
                if (!known) {
                    merge.writeStreamedRows();
                    consents.recordImportedForNewContacts(evidence, ImportStage.CHUNK_TABLE, "streamed");
                }
                merge.moveChunkToStage();
                progressTransactions.executeWithoutResult(status -> imports.progress(tenant, id, rowsStaged));
            });
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        timings.lap(known ? "read and staged" : "read, staged, new contacts and their consents written");
        var merged = merge.run(staged, known, timings);
        if (staged.unwritten()) {
            consents.recordImported(evidence, ImportStage.TABLE);
            timings.lap("consents");
        }
        long rejected = 0;
        if (staged.rejected() > 0 || merged.taken() > 0 || merged.knownContacts()) {
            // Rows rejected while reading, for suppression, for a taken address or for a withdrawn consent.
            rejected = jdbc.sql("""
                            INSERT INTO contact_import_error (tenant_id, import_id, row_number, field, code, message)
                            SELECT ?, ?, row_number, error_field, error_code, error_code
                            FROM import_stage WHERE error_code IS NOT NULL""").params(tenant.value(), id).update();
        }
        imports.finish(tenant, id, staged.rows(), rejected, clock.instant());
        timings.lap("report");
        log.info("Import {}: {} rows, {} rejected; {}", id, staged.rows(), rejected, timings);
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
