package clipcast.web;

import java.io.IOException;

/**
 * Raised while reading a request body that turns out larger than allowed (chunked bodies announce no length). A
 * handler that reads the body as a stream lets it through: it becomes a 413 ({@link ApiExceptionHandler}).
 */
final class PayloadTooLargeException extends IOException {

    private final long limit;

    PayloadTooLargeException(long limit) {
        super("Request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The largest body allowed, in bytes. */
    long limit() {
        return limit;
    }
}
