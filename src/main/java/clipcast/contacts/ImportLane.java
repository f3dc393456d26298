package clipcast.contacts;

import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A second (third…) writer of one import: a platform thread with a transaction of its own, in the import's tenant
 * scope, that runs the work it is given, in order, until it is told to prepare its transaction for commit or to roll
 * it back.
 *
 * <p>An import is one transaction, and one transaction is one PostgreSQL backend on one core. With lanes, the rows
 * are shared out by address ({@link ImportStage}), each lane writes its own in its own transaction, and the lanes
 * other than the first end with {@code PREPARE TRANSACTION}: their rows are then on disk, locked, invisible, and
 * wait for the first lane's outcome. The first lane commits (the import's status becomes DONE with it) and the import
 * then commits the prepared ones ({@link PreparedLanes}); had it failed, they are rolled back. A node that dies in
 * between leaves them to {@link PreparedLanes#resolveOrphans}, on whichever node looks next.
 */
final class ImportLane implements AutoCloseable {

    /** The global transaction ids of prepared lanes: the import's id, its attempt and the lane. */
    static final Pattern GID = Pattern.compile(
            "clipcast-import-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(\\d+)-(\\d+)");

    private sealed interface Task permits Work, Prepare, RollBack {}

    private record Work(FutureTask<?> task) implements Task {}

    private record Prepare(String gid, CompletableFuture<Void> done) implements Task {}

    private record RollBack() implements Task {}

    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final JdbcClient jdbc;
    private volatile boolean open = true;

    private ImportLane(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Starts a lane: its transaction begins at once.
     *
     * @param failed told when the lane's transaction could not begin or failed outside the work it was given (the
     *     work's own failures reach whoever waits on it), so that the import does not wait for this lane for ever
     */
    static ImportLane start(
            TransactionTemplate transactions,
            JdbcClient jdbc,
            TenantId tenant,
            String name,
            Consumer<RuntimeException> failed) {
        var lane = new ImportLane(jdbc);
        Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                TenantScope.run(
                        tenant,
                        () -> transactions.executeWithoutResult(status -> {
                            if (!lane.serve()) {
                                status.setRollbackOnly();
                            }
                        }));
                lane.ended.complete(null);
            } catch (Throwable e) {
                lane.ended.completeExceptionally(e);
                failed.accept(
                        e instanceof RuntimeException failure
                                ? failure
                                : new IllegalStateException("An import lane failed", e));
            } finally {
                lane.cancelPending();
            }
        });
        return lane;
    }

    static String gid(UUID importId, int attempt, int lane) {
        return "clipcast-import-" + importId + "-" + attempt + "-" + lane;
    }

    /** Runs the work in the lane's transaction, after the work given before; cancelled if the lane has ended. */
    synchronized <T> Future<T> submit(Callable<T> work) {
        var task = new FutureTask<>(work);
        if (!open) {
            task.cancel(false);
            return task;
        }
        tasks.add(new Work(task));
        return task;
    }

    /** Once the lane has ended, nothing given to it waits any more. */
    private synchronized void cancelPending() {
        open = false;
        for (Task task; (task = tasks.poll()) != null; ) {
            switch (task) {
                case Work(var work) -> work.cancel(false);
                case Prepare(var gid, var done) ->
                    done.completeExceptionally(new IllegalStateException("Import lane " + gid + " ended unprepared"));
                case RollBack() -> {}
            }
        }
    }

    /**
     * Prepares the lane's transaction for commit under {@code gid} and ends the lane. From then on only {@code
     * COMMIT PREPARED} or {@code ROLLBACK PREPARED} end it.
     */
    void prepare(String gid) {
        if (!GID.matcher(gid).matches()) {
            throw new IllegalArgumentException("Not a lane's transaction id: " + gid);
        }
        var done = new CompletableFuture<Void>();
        synchronized (this) {
            if (!open) {
                throw new IllegalStateException("Import lane " + gid + " has ended");
            }
            open = false;
            tasks.add(new Prepare(gid, done));
        }
        await(done);
        await(ended);
    }

    /** Rolls the lane's transaction back, unless it was prepared, and waits until it has ended. */
    @Override
    public void close() {
        synchronized (this) {
            if (open) {
                open = false;
                tasks.add(new RollBack());
            }
        }
        try {
            ended.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // The lane's own failure reached whoever waited on its work; its transaction is rolled back.
        }
    }

    /** Runs tasks until told to end; true when the transaction was prepared, false when it is to roll back. */
    private boolean serve() {
        while (true) {
            Task next;
            try {
                next = tasks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            switch (next) {
                case Work(var task) -> task.run();
                case Prepare(var gid, var done) -> {
                    try {
                        // The transaction is prepared here; Spring's commit afterwards finds none open and does
                        // nothing. The gid is checked against GID, so it cannot carry SQL.
                        jdbc.sql("PREPARE TRANSACTION '" + gid + "'").update();
                        done.complete(null);
                        return true;
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                        return false;
                    }
                }
                case RollBack() -> {
                    return false;
                }
            }
        }
    }

    /** The result of a future, with the failure of the work it stands for thrown as it was. */
    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an import lane", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("An import lane failed", e.getCause());
        }
    }
}
