package clipcast.delivery.push;

import clipcast.delivery.push.domain.EndpointHosts;
import clipcast.delivery.push.domain.PushAttempt;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * Posts encrypted messages to push services (RFC 8030 section 5) over HTTP/2 where the service offers it, and
 * reads their answers. Endpoints whose host resolves to a non-public address are refused before any request
 * (unless insecure endpoints are allowed), so a subscription cannot make Clipcast call into its own network.
 */
final class PushServiceClient implements AutoCloseable {

    /** Enough of an error answer to explain a refusal; the rest is not read. */
    private static final int MAX_ANSWER_READ = 1024;

    private final HttpClient http;
    private final Duration requestTimeout;
    private final boolean allowInsecureEndpoints;
    private final Clock clock;

    PushServiceClient(PushProperties properties, Clock clock) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout())
                .build();
        this.requestTimeout = properties.requestTimeout();
        this.allowInsecureEndpoints = properties.allowInsecureEndpoints();
        this.clock = clock;
    }

    /** The encrypted request to one push service and what its answer means. */
    record PushRequest(URI endpoint, byte[] body, String authorization, Duration ttl, String urgency) {}

    PushAttempt post(PushRequest push) {
        if (!allowInsecureEndpoints && !publicHost(push.endpoint().getHost())) {
            return new PushAttempt.Refused("ENDPOINT_NOT_PUBLIC", "The push endpoint's host is not a public address");
        }
        var request = HttpRequest.newBuilder(push.endpoint())
                .timeout(requestTimeout)
                .header("TTL", String.valueOf(push.ttl().toSeconds()))
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", push.authorization())
                .POST(HttpRequest.BodyPublishers.ofByteArray(push.body()));
        if (push.urgency() != null) {
            request.header("Urgency", push.urgency());
        }
        if ("http".equalsIgnoreCase(push.endpoint().getScheme())) {
            // no h2c upgrade dance with plain-text test and development services
            request.version(HttpClient.Version.HTTP_1_1);
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (var in = response.body()) {
                body = new String(in.readNBytes(MAX_ANSWER_READ), StandardCharsets.UTF_8);
            }
            var headers = response.headers();
            return PushAttempt.fromResponse(
                    response.statusCode(),
                    headers.firstValue("Location").orElse(null),
                    headers.firstValue("Retry-After").orElse(null),
                    body,
                    clock.instant());
        } catch (IOException e) {
            return new PushAttempt.RetryLater("CONNECTION", "Push service unreachable: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PushAttempt.RetryLater("INTERRUPTED", "Interrupted while sending", null);
        }
    }

    private static boolean publicHost(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host.replace("[", "").replace("]", "")))
                    .allMatch(EndpointHosts::isPublic);
        } catch (UnknownHostException e) {
            // the request would fail the same way; let it, and retry later like any unreachable service
            return true;
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
