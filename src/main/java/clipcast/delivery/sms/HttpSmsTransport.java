package clipcast.delivery.sms;

import clipcast.compliance.domain.SmsText;
import clipcast.delivery.SendOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through a generic HTTP provider: one {@code POST} of JSON {@code {from, to, text, encoding, segments}} per
 * message with a bearer token, over one client whose connections are reused. At most {@code maxConcurrent}
 * requests are under way at once; each gets {@code timeout} for the whole exchange, answer included.
 *
 * <p>2xx is accepted; 429, 503, other 5xx, timeouts and connection failures are retried later, never counted as
 * sent; the remaining answers (400, 401, 403, 404, 409, 422, …) are refused with the provider's own message. Because
 * a lost answer is retried, callers should pass the same idempotency key on every attempt at one message.
 */
public final class HttpSmsTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpSmsTransport.class);
    private static final JsonMapper JSON = JsonMapper.shared();

    /** Enough of an answer for a message id or an error message; the rest is read and dropped. */
    private static final int MAX_ANSWER_KEPT = 16 * 1024;

    private static final int MAX_REASON = 200;
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final HttpSmsSettings settings;
    private final HttpClient http;
    private final Semaphore inFlight;
    private volatile boolean closed;

    public HttpSmsTransport(HttpSmsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        var plainHttp = "http".equalsIgnoreCase(settings.endpoint().getScheme());
        this.http = HttpClient.newBuilder()
                // no h2c upgrade dance with a plain-text provider; HTTP/2 where a TLS provider offers it
                .version(plainHttp ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                // a redirected POST would carry the token to wherever the provider points
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .build();
        this.inFlight = new Semaphore(settings.maxConcurrent(), true);
    }

    /** Sends without an idempotency key; see {@link #send(OutboundSms, String)}. */
    public SendOutcome send(OutboundSms sms) {
        return send(sms, null);
    }

    /**
     * Posts one message to the provider and says what came of it; never throws for HTTP or network trouble.
     *
     * @param idempotencyKey sent as {@code Idempotency-Key}: the same on every attempt at one message (the outbox
     *     entry's id, say), so that a provider supporting it sends the message once even when an earlier answer was
     *     lost; null for none. Printable ASCII without spaces, at most 255 characters.
     */
    public SendOutcome send(OutboundSms sms, String idempotencyKey) {
        Objects.requireNonNull(sms, "sms");
        var request = request(sms, idempotencyKey);
        if (closed) {
            return new SendOutcome.RetryLater("CLOSED", "The HTTP SMS transport is closed");
        }
        try {
            if (!inFlight.tryAcquire(settings.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                return new SendOutcome.RetryLater(
                        "BUSY",
                        "All " + settings.maxConcurrent() + " requests to the SMS provider are still under way");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.RetryLater("INTERRUPTED", "Interrupted while waiting to send");
        }
        try {
            return exchange(request);
        } finally {
            inFlight.release();
        }
    }

    private HttpRequest request(OutboundSms sms, String idempotencyKey) {
        var shape = SmsText.of(sms.text());
        var body = JSON.createObjectNode()
                .put("from", sms.from())
                .put("to", sms.to())
                .put("text", sms.text())
                .put("encoding", shape.encoding().name())
                .put("segments", shape.segments());
        var request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + settings.token())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", checkedIdempotencyKey(idempotencyKey));
        }
        return request.build();
    }

    private static String checkedIdempotencyKey(String key) {
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException(
                    "An idempotency key is 1 to " + MAX_IDEMPOTENCY_KEY + " printable ASCII characters without spaces");
        }
        return key;
    }

    private SendOutcome exchange(HttpRequest request) {
        var answer = new KeptAnswer();
        // the future completes once the answer is read, so the timeout below bounds the whole exchange
        var pending = http.sendAsync(request, info -> HttpResponse.BodySubscribers.ofByteArrayConsumer(answer::take));
        try {
            var response = pending.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            return outcome(response.statusCode(), response.headers(), answer.text());
        } catch (TimeoutException e) {
            pending.cancel(true);
            return timedOut();
        } catch (ExecutionException e) {
            return unanswered(e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new SendOutcome.RetryLater("INTERRUPTED", "Interrupted while waiting for the SMS provider");
        }
    }

    private SendOutcome timedOut() {
        return new SendOutcome.RetryLater(
                "TIMEOUT",
                "The SMS provider did not answer within " + settings.timeout().toMillis() + " ms");
    }

    private SendOutcome unanswered(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (failure instanceof IOException) {
            return new SendOutcome.RetryLater(
                    "CONNECTION",
                    readable("The SMS provider could not be reached: "
                            + failure.getClass().getSimpleName()
                            + (failure.getMessage() == null ? "" : " " + failure.getMessage())));
        }
        throw new IllegalStateException("Unexpected failure while sending to the SMS provider", failure);
    }

    private static SendOutcome outcome(int status, HttpHeaders headers, String body) {
        if (status >= 200 && status < 300) {
            return new SendOutcome.Accepted(reference(body, headers));
        }
        var code = "HTTP_" + status;
        var message = providerMessage(body);
        return switch (status) {
            case 429 ->
                new SendOutcome.RetryLater(
                        code, withRetryAfter(message.orElse("The SMS provider is throttling us"), headers));
            case 503 ->
                new SendOutcome.RetryLater(
                        code, withRetryAfter(message.orElse("The SMS provider is unavailable"), headers));
            case 408, 425 -> new SendOutcome.RetryLater(code, message.orElse("The SMS provider asked to try again"));
            default -> {
                if (status >= 500) {
                    yield new SendOutcome.RetryLater(
                            code, message.orElse("The SMS provider failed (HTTP " + status + ")"));
                }
                if (status == 401 || status == 403) {
                    log.warn("The SMS provider answered HTTP {}: check the configured token and endpoint", status);
                }
                // 4xx, and 1xx/3xx we never asked for: trying the same request again would get the same answer
                yield new SendOutcome.Refused(
                        code, message.orElse("The SMS provider refused the message (HTTP " + status + ")"));
            }
        };
    }

    /** The provider's id for the message: JSON {@code id} or {@code messageId}, else {@code Location}, else "". */
    private static String reference(String body, HttpHeaders headers) {
        var answer = json(body);
        for (var field : new String[] {"id", "messageId"}) {
            var value = answer.path(field);
            if (value.isString() || value.isNumber()) {
                return value.asString();
            }
        }
        return headers.firstValue("Location").orElse("");
    }

    /** JSON {@code error} (a string, or an object with a {@code message}), else {@code message}; made printable. */
    private static Optional<String> providerMessage(String body) {
        var answer = json(body);
        var error = answer.path("error");
        var candidates = new JsonNode[] {error, error.path("message"), answer.path("message")};
        for (var candidate : candidates) {
            if (candidate.isString() && !candidate.asString().isBlank()) {
                return Optional.of(readable(candidate.asString()));
            }
        }
        return Optional.empty();
    }

    private static String withRetryAfter(String reason, HttpHeaders headers) {
        return headers.firstValue("Retry-After")
                .map(retryAfter -> reason + " (Retry-After: " + readable(retryAfter) + ")")
                .orElse(reason);
    }

    private static JsonNode json(String body) {
        try {
            var node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (JacksonException notJson) {
            return JSON.missingNode();
        }
    }

    /** A reason fit for a log line or an operator's screen: one line, no control characters, not too long. */
    private static String readable(String text) {
        var line = text.replaceAll("\\p{Cntrl}+", " ").strip();
        if (line.length() <= MAX_REASON) {
            return line;
        }
        int end = MAX_REASON - 1;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + "…";
    }

    @Override
    public void close() {
        closed = true;
        http.close();
    }

    @Override
    public String toString() {
        return "HttpSmsTransport[" + settings + "]";
    }

    /**
     * Keeps the first {@link #MAX_ANSWER_KEPT} bytes of an answer and drops the rest, reading it all so that the
     * connection can carry the next request. Written by the client's threads, read after the exchange completes.
     */
    private static final class KeptAnswer {

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        synchronized void take(Optional<byte[]> chunk) {
            chunk.ifPresent(bytes -> kept.write(bytes, 0, Math.min(bytes.length, MAX_ANSWER_KEPT - kept.size())));
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
