package clipcast.coupons;

import java.util.UUID;

/** A code generation run: how far it got. */
public record CodeJob(UUID jobId, UUID offerId, Status status, int done, int total) {

    public enum Status {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }
}
