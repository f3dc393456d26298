package clipcast.web;

import java.io.IOException;

/** Raised while reading a request body that turns out larger than allowed (chunked bodies announce no length). */
final class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("Request body larger than " + limit + " bytes");
    }
}
