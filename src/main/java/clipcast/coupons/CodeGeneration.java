package clipcast.coupons;

import clipcast.coupons.domain.CodeFormat;
import clipcast.coupons.domain.CodeGenerator;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates and stores codes for jobs. A job is a row: any node claims a queued one (or one whose node died and
 * stopped renewing its lease) and works it in batches, each batch stored with its progress in one transaction, so
 * a crash loses at most the batch in flight and another node carries on from {@code done}.
 */
@Component
class CodeGeneration {

    static final Duration LEASE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(CodeGeneration.class);
    private static final int MAX_EMPTY_BATCHES = 20;

    private final CodeRepository codes;
    private final CodeJobRepository jobs;
    private final OfferRepository offers;
    private final TransactionTemplate transactions;
    private final CouponsProperties properties;
    private final ExecutorService worker = Executors.newVirtualThreadPerTaskExecutor();

    CodeGeneration(
            CodeRepository codes,
            CodeJobRepository jobs,
            OfferRepository offers,
            TransactionTemplate transactions,
            CouponsProperties properties) {
        this.codes = codes;
        this.jobs = jobs;
        this.offers = offers;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** Fills a job in the current thread (the caller's tenant scope): small requests, and the workers. */
    CodeJob run(TenantId tenant, CodeJob job, CodeFormat format, RandomGenerator random) {
        var generator = new CodeGenerator(format, random);
        int done = job.done();
        int emptyBatches = 0;
        while (done < job.total()) {
            int size = Math.min(properties.batchSize(), job.total() - done);
            var batch = new LinkedHashSet<String>(size * 2);
            while (batch.size() < size) {
                batch.add(generator.next());
            }
            int added = transactions.execute(status -> {
                codes.stage(batch);
                // Collisions are rare by construction (a code space of 10^6 per code): try the plain insert first.
                var beforeInsert = status.createSavepoint();
                int inserted;
                try {
                    inserted = codes.insertStaged(tenant, job.offerId(), false);
                    status.releaseSavepoint(beforeInsert);
                } catch (DuplicateKeyException collision) {
                    status.rollbackToSavepoint(beforeInsert);
                    inserted = codes.insertStaged(tenant, job.offerId(), true);
                }
                codes.clearStaging();
                jobs.progress(tenant, job.jobId(), inserted, LEASE);
                return inserted;
            });
            done += added;
            emptyBatches = added == 0 ? emptyBatches + 1 : 0;
            if (emptyBatches >= MAX_EMPTY_BATCHES) {
                jobs.finish(tenant, job.jobId(), CodeJob.Status.FAILED);
                return new CodeJob(job.jobId(), job.offerId(), CodeJob.Status.FAILED, done, job.total());
            }
        }
        jobs.finish(tenant, job.jobId(), CodeJob.Status.DONE);
        return new CodeJob(job.jobId(), job.offerId(), CodeJob.Status.DONE, done, job.total());
    }

    /** Asks this node to look for queued jobs now rather than at its next poll. */
    void kick() {
        worker.submit(this::runQueuedJobs);
    }

    @Scheduled(
            fixedDelayString = "${clipcast.coupons.job-poll:2s}",
            initialDelayString = "${clipcast.coupons.job-poll:2s}")
    void runQueuedJobs() {
        while (true) {
            var claimed = TenantScope.callAsPlatform(() -> jobs.claimNext(LEASE));
            if (claimed.isEmpty()) {
                return;
            }
            var tenant = claimed.get().tenant();
            var job = claimed.get().job();
            TenantScope.run(tenant, () -> runClaimed(tenant, job));
        }
    }

    private void runClaimed(TenantId tenant, CodeJob job) {
        try {
            var offer = offers.find(tenant, job.offerId());
            if (offer.isEmpty()) {
                jobs.finish(tenant, job.jobId(), CodeJob.Status.FAILED);
                return;
            }
            run(tenant, job, offer.get().codeFormat(), new SecureRandom());
        } catch (RuntimeException e) {
            log.error("Code generation job {} of tenant {} failed", job.jobId(), tenant, e);
            jobs.finish(tenant, job.jobId(), CodeJob.Status.FAILED);
        }
    }
}
