package clipcast.coupons;

import clipcast.coupons.domain.CodeFormat;
import clipcast.coupons.domain.CodeGenerator;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
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
    /** Rounds of batches in a row that added no code: the format's code space is used up. */
    private static final int MAX_EMPTY_ROUNDS = 20;

    private static final String[] NO_MORE = new String[0];

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

    /**
     * Fills a job (in the caller's tenant scope): small requests in the calling thread, the workers' jobs too. A job
     * of several batches is a pipeline: one thread generates the next batches while {@code generationWriters}
     * threads store earlier ones, each batch with its progress in its own transaction, so a crash loses at most
     * the batches in flight and {@code done} still counts exactly the stored codes.
     */
    CodeJob run(TenantId tenant, CodeJob job, CodeFormat format, RandomGenerator random) {
        var generator = new CodeGenerator(format, random);
        int done = job.done();
        int emptyRounds = 0;
        while (done < job.total()) {
            int added = fill(tenant, job, generator, job.total() - done);
            done += added;
            emptyRounds = added == 0 ? emptyRounds + 1 : 0;
            if (emptyRounds >= MAX_EMPTY_ROUNDS) {
                jobs.finish(tenant, job.jobId(), CodeJob.Status.FAILED);
                return new CodeJob(job.jobId(), job.offerId(), CodeJob.Status.FAILED, done, job.total());
            }
        }
        jobs.finish(tenant, job.jobId(), CodeJob.Status.DONE);
        return new CodeJob(job.jobId(), job.offerId(), CodeJob.Status.DONE, done, job.total());
    }

    /** Generates and stores {@code count} codes in batches; how many were new (collisions are skipped). */
    private int fill(TenantId tenant, CodeJob job, CodeGenerator generator, int count) {
        int batches = (count + properties.batchSize() - 1) / properties.batchSize();
        if (batches == 1) {
            return store(tenant, job, generate(generator, count));
        }
        int writers = Math.max(1, Math.min(properties.generationWriters(), batches));
        var generated = new ArrayBlockingQueue<String[]>(writers);
        var added = new AtomicInteger();
        var parts = new ArrayList<Future<?>>();
        try (var pipeline = Executors.newVirtualThreadPerTaskExecutor()) {
            parts.add(pipeline.submit(stoppingOnFailure(pipeline, () -> {
                for (int left = count; left > 0; left -= properties.batchSize()) {
                    generated.put(generate(generator, Math.min(properties.batchSize(), left)));
                }
                for (int i = 0; i < writers; i++) {
                    generated.put(NO_MORE);
                }
            })));
            for (int i = 0; i < writers; i++) {
                parts.add(pipeline.submit(stoppingOnFailure(pipeline, () -> {
                    for (var batch = generated.take(); batch != NO_MORE; batch = generated.take()) {
                        var codes = batch;
                        added.addAndGet(TenantScope.call(tenant, () -> store(tenant, job, codes)));
                    }
                })));
            }
        }
        rethrowFirstFailure(parts);
        return added.get();
    }

    private interface Part {
        void run() throws InterruptedException;
    }

    /** A part of the pipeline that stops the other parts when it fails, so that none waits for it forever. */
    private static Callable<Void> stoppingOnFailure(ExecutorService pipeline, Part part) {
        return () -> {
            try {
                part.run();
                return null;
            } catch (RuntimeException | InterruptedException e) {
                pipeline.shutdownNow();
                throw e;
            }
        };
    }

    /** The failure that stopped the pipeline, rather than the interruptions it caused in the other parts. */
    private static void rethrowFirstFailure(List<Future<?>> parts) {
        RuntimeException failure = null;
        for (var part : parts) {
            if (part.state() == Future.State.FAILED) {
                var cause = part.exceptionNow();
                if (cause instanceof RuntimeException runtime) {
                    failure = runtime;
                    break;
                }
                failure = failure != null ? failure : new IllegalStateException("Code generation stopped", cause);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * A batch of distinct codes in code order: stored in that order, they go into the unique index page after page
     * instead of all over it, which keeps large jobs from rereading index pages that no longer fit in memory.
     */
    private static String[] generate(CodeGenerator generator, int size) {
        var codes = new String[size];
        for (int i = 0; i < size; i++) {
            codes[i] = generator.next();
        }
        Arrays.sort(codes);
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (distinct == 0 || !codes[i].equals(codes[distinct - 1])) {
                codes[distinct++] = codes[i];
            }
        }
        return distinct == size ? codes : Arrays.copyOf(codes, distinct);
    }

    /** Stores one batch with the job's progress in one transaction; how many codes were new. */
    private int store(TenantId tenant, CodeJob job, String[] batch) {
        return transactions.execute(status -> {
            codes.stage(batch);
            // Collisions are rare by construction (a code space of 10^6 per code): try the plain insert first.
            var beforeInsert = status.createSavepoint();
            int inserted;
            try {
                inserted = codes.insertStaged(tenant, job.offerId(), false);
                status.releaseSavepoint(beforeInsert);
            } catch (DuplicateKeyException | PessimisticLockingFailureException collision) {
                // Taken by an earlier batch or job, or by a concurrent writer of this one: skip those codes.
                status.rollbackToSavepoint(beforeInsert);
                inserted = codes.insertStaged(tenant, job.offerId(), true);
            }
            codes.clearStaging();
            jobs.progress(tenant, job.jobId(), inserted, LEASE);
            return inserted;
        });
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
