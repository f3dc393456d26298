package clipcast.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for work that happens in the background (outbox workers, schedulers), failing after a deadline. */
public final class Eventually {

    private Eventually() {}

    /** What to add to a failure message (the state the test waited on). */
    public static final ThreadLocal<java.util.function.Supplier<String>> STATE =
            ThreadLocal.withInitial(() -> () -> "");

    public static void within(Duration limit, String what, BooleanSupplier condition) {
        var deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Not within " + limit + ": " + what + STATE.get().get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + what);
            }
        }
    }
}
