package clipcast.contacts;

import java.util.StringJoiner;

/** How long each step of an import took, for the import's log line (the benchmark reads it). */
final class ImportTimings {

    private final StringJoiner steps = new StringJoiner(", ");
    private long last = System.nanoTime();

    /** Ends the step running since the previous lap. */
    void lap(String step) {
        long now = System.nanoTime();
        steps.add(step + " " + (now - last) / 1_000_000 + " ms");
        last = now;
    }

    @Override
    public String toString() {
        return steps.toString();
    }
}
