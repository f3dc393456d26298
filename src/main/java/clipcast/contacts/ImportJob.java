package clipcast.contacts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An import and its outcome so far; {@code errors} holds one entry per rejected row (or one for the file). */
public record ImportJob(
        UUID id,
        String status,
        String fileName,
        String fileSha256,
        ImportAttestation attestation,
        long rowsTotal,
        long rowsImported,
        long rowsRejected,
        List<RowError> errors,
        long errorsTotal,
        Instant createdAt,
        Instant finishedAt) {

    /** A rejected row: its number in the file, the field and the reason code. */
    public record RowError(long row, String field, String code) {}
}
