package clipcast.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends again after a relay's "try later" (SMTP 4xx, an unreachable relay): after each of the delays in turn, then it
 * gives up. Greylisting relays answer 450 to the first attempt from an unknown sender and accept a later one, so a
 * message tried once is lost at every such domain. The retries are kept in memory, on a scheduler of their own: a
 * node that stops drops the ones still waiting (it logs how many), which suits confirmation links, which the person
 * can ask for again; campaign messages have the outbox for this.
 */
final class Resend implements AutoCloseable {

    private final List<Duration> delays;
    private final ScheduledThreadPoolExecutor scheduler =
            new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("resend").factory());

    Resend(List<Duration> delays) {
        this.delays = List.copyOf(delays);
    }

    /**
     * Runs {@code send} now and, while it answers {@link SendOutcome.RetryLater}, again after each delay; hands the
     * last outcome (accepted, refused, or still "try later" when the delays ran out) and the attempts made to {@code
     * done}. A send that throws counts as "try later".
     */
    void run(Supplier<SendOutcome> send, Consumer<Result> done) {
        attempt(send, done, 1);
    }

    /** What became of a message: the last answer and how many attempts it took. */
    record Result(SendOutcome outcome, int attempts) {}

    private void attempt(Supplier<SendOutcome> send, Consumer<Result> done, int attempt) {
        SendOutcome outcome;
        try {
            outcome = send.get();
        } catch (RuntimeException e) {
            outcome = new SendOutcome.RetryLater("ERROR", String.valueOf(e.getMessage()));
        }
        if (outcome instanceof SendOutcome.RetryLater && attempt <= delays.size() && !scheduler.isShutdown()) {
            try {
                scheduler.schedule(
                        () -> attempt(send, done, attempt + 1),
                        delays.get(attempt - 1).toMillis(),
                        TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // The node is stopping: this is the last answer.
            }
        }
        done.accept(new Result(outcome, attempt));
    }

    /** Stops: the sends still waiting for their next attempt are dropped; returns how many. */
    int stop() {
        return scheduler.shutdownNow().size();
    }

    @Override
    public void close() {
        stop();
    }
}
