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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contact imports with consent evidence. A file is read in constant memory, every row checked, the good rows
 * staged with COPY and merged into the contacts set-based, the consents appended and the rejected rows reported —
 * all in one transaction, so an import either completes or leaves nothing behind. Imports run in the background
 * (at most two at a time per node) in the tenant scope of whoever started them.
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
    private final JsonMapper json;
    private final Clock clock;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore running = new Semaphore(2);

    Imports(
            ImportRepository imports,
            Consents consents,
            JdbcClient jdbc,
            DataSource dataSource,
            TransactionTemplate transactions,
            JsonMapper json,
            Clock clock) {
        this.imports = imports;
        this.consents = consents;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records the import and starts it in the background. The file becomes the import's: it is deleted when done.
     *
     * @param attestation checked by the caller (channel EMAIL or SMS, not purchased, texts present)
     */
    public UUID start(ImportAttestation attestation, String fileName, ImportFileType type, Path file) {
        var tenant = TenantScope.requireTenant();
        var id = TimeOrderedIds.next(clock);
        var sha256 = sha256(file);
        imports.insert(tenant, id, fileName, sha256, attestation);
        workers.submit(() -> {
            running.acquireUninterruptibly();
            try {
                TenantScope.run(tenant, () -> run(tenant, id, sha256, attestation, type, file));
            } finally {
                running.release();
                deleteQuietly(file);
            }
        });
        return id;
    }

    /** Runs an import in the caller's thread (benchmarks, the command line). */
    public UUID runNow(ImportAttestation attestation, String fileName, ImportFileType type, Path file) {
        var tenant = TenantScope.requireTenant();
        var id = TimeOrderedIds.next(clock);
        var sha256 = sha256(file);
        imports.insert(tenant, id, fileName, sha256, attestation);
        run(tenant, id, sha256, attestation, type, file);
        return id;
    }

    public Optional<ImportJob> find(UUID id) {
        return imports.find(TenantScope.requireTenant(), id, MAX_REPORTED_ERRORS);
    }

    private void run(
            TenantId tenant, UUID id, String sha256, ImportAttestation attestation, ImportFileType type, Path file) {
        try {
            transactions.executeWithoutResult(status -> process(tenant, id, sha256, attestation, type, file));
        } catch (ImportFileException e) {
            transactions.executeWithoutResult(status -> imports.fail(tenant, id, e.row(), e.code(), clock.instant()));
        } catch (RuntimeException e) {
            log.error("Import {} failed", id, e);
            transactions.executeWithoutResult(status -> imports.fail(tenant, id, 0, "IMPORT_FAILED", clock.instant()));
        }
    }

    private void process(
            TenantId tenant, UUID id, String sha256, ImportAttestation attestation, ImportFileType type, Path file) {
        long started = System.nanoTime();
        // Sorts and hashes of a million staged rows fit in memory instead of spilling to disk (this transaction only).
        jdbc.sql("SELECT set_config('work_mem', '256MB', true)").query().singleValue();
        jdbc.sql(ImportStage.CREATE).update();
        var connection = DataSourceUtils.getConnection(dataSource);
        try {
            var stage = new ImportStage(connection, consents, attestation.channel(), json);
            var key = attestation.channel() == Channel.EMAIL ? ImportRowMapper.Key.EMAIL : ImportRowMapper.Key.PHONE;
            var today = LocalDate.now(clock);
            ImportRowMapper[] mapper = {
                type.hasHeader() ? null : ImportRowMapper.forLines(key, attestation.defaultCountry(), today)
            };
            ImportFiles.read(file, type, (row, cells) -> {
                if (mapper[0] == null) {
                    mapper[0] = ImportRowMapper.withHeader(cells, key, attestation.defaultCountry(), today);
                } else {
                    stage.add(mapper[0].map(row, cells));
                }
            });
            stage.flush();
            if (mapper[0] == null) {
                throw new ImportFileException("EMPTY_FILE", 0, "No rows");
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        long staged = System.nanoTime();
        merge(tenant, attestation.channel());
        long merged = System.nanoTime();
        consents.recordImported(
                new ImportEvidence(
                        id,
                        sha256,
                        attestation.channel(),
                        attestation.purpose(),
                        ConsentMethod.IMPORT,
                        attestation.consentText(),
                        attestation.sourceDescription() + " (collected by " + attestation.consentMethod() + ")",
                        attestation.collectedAt()),
                ImportStage.TABLE);
        jdbc.sql("""
                        INSERT INTO contact_import_error (tenant_id, import_id, row_number, field, code, message)
                        SELECT DISTINCT ON (row_number) ?, ?, row_number, error_field, error_code, error_code
                        FROM import_stage WHERE error_code IS NOT NULL ORDER BY row_number""").params(tenant.value(), id).update();
        long recorded = System.nanoTime();
        var counts = jdbc.sql("SELECT count(*), count(error_code) FROM import_stage")
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        imports.finish(tenant, id, counts[0], counts[1], clock.instant());
        log.info(
                "Import {}: {} rows, read and staged in {} ms, merged in {} ms, consents and report in {} ms",
                id,
                counts[0],
                (staged - started) / 1_000_000,
                (merged - staged) / 1_000_000,
                (recorded - merged) / 1_000_000);
    }

    /**
     * Merges the good staged rows into the contacts, set-based: rows for one address become one contact (the
     * last row's values win, absent values keep what the contact had); a second address that another contact
     * holds rejects its row.
     */
    private void merge(TenantId tenant, Channel channel) {
        var key = channel == Channel.EMAIL ? "email" : "phone";
        var other = channel == Channel.EMAIL ? "phone" : "email";
        jdbc.sql("CREATE INDEX ON import_stage (" + key + ")").update();
        jdbc.sql("ANALYZE import_stage").update();
        jdbc.sql("""
                        UPDATE import_stage s SET error_field = '%2$s', error_code = 'TAKEN'
                        WHERE s.error_code IS NULL AND s.%2$s IS NOT NULL AND (
                            EXISTS (SELECT 1 FROM contact c
                                    WHERE c.tenant_id = ? AND c.%2$s = s.%2$s AND c.%1$s IS DISTINCT FROM s.%1$s)
                            OR EXISTS (SELECT 1 FROM import_stage t
                                       WHERE t.%2$s = s.%2$s AND t.%1$s <> s.%1$s AND t.error_code IS NULL
                                         AND t.row_number < s.row_number))""".formatted(key, other)).param(tenant.value()).update();
        jdbc.sql("""
                        INSERT INTO contact AS c (tenant_id, id, email, phone, first_name, last_name, country, language,
                            time_zone, time_zone_source, birth_date, attributes)
                        SELECT ?, uuidv7(), %3$s, %4$s,
                               (array_agg(s.first_name ORDER BY s.row_number DESC) FILTER (WHERE s.first_name IS NOT NULL))[1],
                               (array_agg(s.last_name ORDER BY s.row_number DESC) FILTER (WHERE s.last_name IS NOT NULL))[1],
                               (array_agg(s.country ORDER BY s.row_number DESC) FILTER (WHERE s.country IS NOT NULL))[1],
                               (array_agg(s.language ORDER BY s.row_number DESC) FILTER (WHERE s.language IS NOT NULL))[1],
                               (array_agg(s.time_zone ORDER BY s.row_number DESC) FILTER (WHERE s.time_zone IS NOT NULL))[1],
                               (array_agg(s.time_zone_source ORDER BY s.row_number DESC)
                                   FILTER (WHERE s.time_zone IS NOT NULL))[1],
                               (array_agg(s.birth_date ORDER BY s.row_number DESC) FILTER (WHERE s.birth_date IS NOT NULL))[1],
                               coalesce((array_agg(s.attributes ORDER BY s.row_number DESC)
                                   FILTER (WHERE s.attributes IS NOT NULL))[1], '{}')
                        FROM import_stage s WHERE s.error_code IS NULL
                        GROUP BY s.%1$s
                        ON CONFLICT (tenant_id, %1$s) WHERE %1$s IS NOT NULL DO UPDATE SET
                            %2$s = coalesce(EXCLUDED.%2$s, c.%2$s),
                            first_name = coalesce(EXCLUDED.first_name, c.first_name),
                            last_name = coalesce(EXCLUDED.last_name, c.last_name),
                            country = coalesce(EXCLUDED.country, c.country),
                            language = coalesce(EXCLUDED.language, c.language),
                            time_zone = CASE WHEN EXCLUDED.time_zone IS NOT NULL AND (EXCLUDED.time_zone_source =
                                'EXPLICIT' OR c.time_zone_source IS DISTINCT FROM 'EXPLICIT') THEN EXCLUDED.time_zone
                                ELSE c.time_zone END,
                            time_zone_source = CASE WHEN EXCLUDED.time_zone IS NOT NULL AND (EXCLUDED.time_zone_source =
                                'EXPLICIT' OR c.time_zone_source IS DISTINCT FROM 'EXPLICIT')
                                THEN EXCLUDED.time_zone_source ELSE c.time_zone_source END,
                            birth_date = coalesce(EXCLUDED.birth_date, c.birth_date),
                            attributes = c.attributes || EXCLUDED.attributes,
                            updated_at = now()""".formatted(
                                key,
                                other,
                                channel == Channel.EMAIL ? "s.email" : otherValue("email"),
                                channel == Channel.EMAIL ? otherValue("phone") : "s.phone"))
                .param(tenant.value())
                .update();
        jdbc.sql("""
                        UPDATE import_stage s SET contact_id = c.id FROM contact c
                        WHERE c.tenant_id = ? AND c.%1$s = s.%1$s AND s.error_code IS NULL""".formatted(key)).param(tenant.value()).update();
        jdbc.sql("""
                        INSERT INTO contact_list (tenant_id, contact_id, list)
                        SELECT DISTINCT ?::uuid, s.contact_id, unnest(string_to_array(s.lists, chr(31)))
                        FROM import_stage s WHERE s.error_code IS NULL AND s.lists IS NOT NULL
                        ON CONFLICT DO NOTHING""").param(tenant.value()).update();
    }

    private static String otherValue(String column) {
        return "(array_agg(s.%1$s ORDER BY s.row_number DESC) FILTER (WHERE s.%1$s IS NOT NULL))[1]".formatted(column);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            var digest = MessageDigest.getInstance("SHA-256");
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
