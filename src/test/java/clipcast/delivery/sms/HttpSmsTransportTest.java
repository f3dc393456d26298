package clipcast.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clipcast.delivery.SendOutcome;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP SMS adapter against a real HTTP provider on the loopback interface (the JDK's server in the test). */
@Timeout(60)
class HttpSmsTransportTest {

    static final String TOKEN = "test-token-7f3a";
    static final OutboundSms HELLO =
            new OutboundSms("BAKERY", "+33612345678", "Free coffee Sat. Reply STOP to opt out");

    TestProvider provider;
    HttpSmsTransport transport;

    @BeforeEach
    void start() throws IOException {
        provider = new TestProvider();
        transport = new HttpSmsTransport(settings(provider.endpoint(), Duration.ofSeconds(10), 4));
    }

    @AfterEach
    void stop() {
        transport.close();
        provider.close();
    }

    static HttpSmsSettings settings(URI endpoint, Duration timeout, int maxConcurrent) {
        return new HttpSmsSettings(endpoint, TOKEN, timeout, maxConcurrent, true);
    }

    @Test
    void a_message_is_posted_as_json_with_the_bearer_token_and_accepted_with_the_providers_id() {
        var outcome = transport.send(HELLO);

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("msg-1"));
        assertThat(provider.received).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/messages");
            assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
            assertThat(request.headers().containsKey("Idempotency-Key")).isFalse();
            var json = request.json();
            assertThat(json.path("from").asString()).isEqualTo("BAKERY");
            assertThat(json.path("to").asString()).isEqualTo("+33612345678");
            assertThat(json.path("text").asString()).isEqualTo("Free coffee Sat. Reply STOP to opt out");
            assertThat(json.path("encoding").asString()).isEqualTo("GSM_7");
            assertThat(json.path("segments").asInt()).isEqualTo(1);
        });
    }

    @Test
    void a_text_with_an_emoji_is_declared_ucs2_and_arrives_intact() {
        transport.send(new OutboundSms("BAKERY", "+33612345678", "Café offert ☕🥐 Reply STOP"));

        var json = provider.received.getFirst().json();
        assertThat(json.path("encoding").asString()).isEqualTo("UCS_2");
        assertThat(json.path("segments").asInt()).isEqualTo(1);
        assertThat(json.path("text").asString()).isEqualTo("Café offert ☕🥐 Reply STOP");
    }

    @Test
    void a_long_text_declares_how_many_segments_it_takes() {
        transport.send(new OutboundSms("BAKERY", "+33612345678", "a".repeat(200)));
        transport.send(new OutboundSms("BAKERY", "+33612345678", "🥐".repeat(40)));

        assertThat(provider.received.get(0).json().path("segments").asInt()).isEqualTo(2);
        assertThat(provider.received.get(1).json().path("encoding").asString()).isEqualTo("UCS_2");
        assertThat(provider.received.get(1).json().path("segments").asInt()).isEqualTo(2);
    }

    @Test
    void every_attempt_at_one_message_carries_the_same_idempotency_key() {
        provider.answer(503, Map.of(), "");
        var first = transport.send(HELLO, "outbox-42");
        provider.answer(200, Map.of(), "{\"id\":\"msg-9\"}");
        var retry = transport.send(HELLO, "outbox-42");

        assertThat(first).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(retry).isEqualTo(new SendOutcome.Accepted("msg-9"));
        assertThat(provider.received)
                .extracting(request -> request.headers().getFirst("Idempotency-Key"))
                .containsExactly("outbox-42", "outbox-42");
    }

    @Test
    void an_idempotency_key_that_cannot_be_a_header_is_a_programming_error() {
        assertThatThrownBy(() -> transport.send(HELLO, "outbox 42\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(provider.received).isEmpty();
    }

    @Test
    void the_reference_is_the_messageId_when_the_answer_has_no_id() {
        provider.answer(200, Map.of(), "{\"messageId\":\"SM-77\",\"status\":\"queued\"}");

        assertThat(transport.send(HELLO)).isEqualTo(new SendOutcome.Accepted("SM-77"));
    }

    @Test
    void without_an_id_in_the_answer_the_reference_is_the_location_else_empty() {
        provider.answer(201, Map.of("Location", "/v1/messages/77"), "");
        var located = transport.send(HELLO);
        provider.answer(202, Map.of(), "accepted");
        var bare = transport.send(HELLO);

        assertThat(located).isEqualTo(new SendOutcome.Accepted("/v1/messages/77"));
        assertThat(bare).isEqualTo(new SendOutcome.Accepted(""));
    }

    @Test
    void throttling_is_retried_later_with_the_providers_retry_after() {
        provider.answer(429, Map.of("Retry-After", "30"), "{\"error\":\"Rate limit exceeded\"}");

        var outcome = transport.send(HELLO);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.RetryLater.class, retry -> {
            assertThat(retry.code()).isEqualTo("HTTP_429");
            assertThat(retry.reason()).contains("Rate limit exceeded").contains("Retry-After: 30");
        });
    }

    @Test
    void an_unavailable_provider_is_retried_later_with_its_retry_after() {
        provider.answer(503, Map.of("Retry-After", "120"), "");

        var outcome = transport.send(HELLO);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.RetryLater.class, retry -> {
            assertThat(retry.code()).isEqualTo("HTTP_503");
            assertThat(retry.reason()).contains("Retry-After: 120");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 504})
    void other_server_errors_are_retried_later(int status) {
        provider.answer(status, Map.of(), "<html>Bad gateway</html>");

        assertThat(transport.send(HELLO))
                .isInstanceOfSatisfying(
                        SendOutcome.RetryLater.class,
                        retry -> assertThat(retry.code()).isEqualTo("HTTP_" + status));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 422})
    void client_errors_are_refused_with_the_providers_message(int status) {
        provider.answer(status, Map.of(), "{\"error\":\"Invalid destination number\",\"code\":21211}");

        assertThat(transport.send(HELLO))
                .isEqualTo(new SendOutcome.Refused("HTTP_" + status, "Invalid destination number"));
    }

    @Test
    void the_message_of_an_error_object_or_a_top_level_message_is_the_reason() {
        provider.answer(422, Map.of(), "{\"error\":{\"type\":\"invalid\",\"message\":\"Sender id not registered\"}}");
        var nested = transport.send(HELLO);
        provider.answer(400, Map.of(), "{\"message\":\"Text too long\"}");
        var topLevel = transport.send(HELLO);

        assertThat(nested).isEqualTo(new SendOutcome.Refused("HTTP_422", "Sender id not registered"));
        assertThat(topLevel).isEqualTo(new SendOutcome.Refused("HTTP_400", "Text too long"));
    }

    @Test
    void a_long_provider_message_is_cut_to_one_short_line() {
        provider.answer(400, Map.of(), "{\"error\":\"first line\\nsecond line " + "x".repeat(5000) + "\"}");

        assertThat(transport.send(HELLO)).isInstanceOfSatisfying(SendOutcome.Refused.class, refused -> {
            assertThat(refused.reason())
                    .startsWith("first line second line xxx")
                    .doesNotContain("\n");
            assertThat(refused.reason().length()).isLessThanOrEqualTo(200);
        });
    }

    @Test
    void a_refusal_without_a_json_message_names_the_status_not_the_page() {
        provider.answer(404, Map.of(), "<html><body>Not Found</body></html>");

        assertThat(transport.send(HELLO)).isInstanceOfSatisfying(SendOutcome.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo("HTTP_404");
            assertThat(refused.reason()).contains("HTTP 404").doesNotContain("<html>");
        });
    }

    @Test
    void a_provider_that_never_answers_is_retried_later_after_the_timeout() {
        provider.hold();
        try (var impatient = new HttpSmsTransport(settings(provider.endpoint(), Duration.ofMillis(500), 1))) {
            var outcome = impatient.send(HELLO);

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            SendOutcome.RetryLater.class,
                            retry -> assertThat(retry.code()).isEqualTo("TIMEOUT"));
        }
    }

    @Test
    void an_unreachable_provider_is_retried_later() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var nowhere = URI.create("http://127.0.0.1:" + closedPort + "/v1/messages");
        try (var unreachable = new HttpSmsTransport(settings(nowhere, Duration.ofSeconds(5), 1))) {
            var outcome = unreachable.send(HELLO);

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            SendOutcome.RetryLater.class,
                            retry -> assertThat(retry.code()).isEqualTo("CONNECTION"));
        }
    }

    @Test
    void no_more_than_max_concurrent_requests_are_under_way_at_once() throws Exception {
        provider.hold();
        var sends = new ArrayList<Future<SendOutcome>>();
        try (var narrow = new HttpSmsTransport(settings(provider.endpoint(), Duration.ofSeconds(30), 2));
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 6; i++) {
                sends.add(senders.submit(() -> narrow.send(HELLO)));
            }

            try {
                assertThat(provider.arrivals.tryAcquire(2, 10, TimeUnit.SECONDS))
                        .isTrue();
                assertThat(provider.arrivals.tryAcquire(1, 300, TimeUnit.MILLISECONDS))
                        .as("a third request while two are held")
                        .isFalse();
            } finally {
                provider.release();
            }
            for (var send : sends) {
                assertThat(send.get(20, TimeUnit.SECONDS)).isInstanceOf(SendOutcome.Accepted.class);
            }
        }
        assertThat(provider.received).hasSize(6);
        assertThat(provider.mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void consecutive_messages_reuse_one_connection() {
        transport.send(HELLO);
        transport.send(HELLO);
        transport.send(HELLO);

        assertThat(provider.received)
                .extracting(Received::clientPort)
                .containsOnly(provider.received.getFirst().clientPort());
    }

    @Test
    void the_token_never_shows_in_to_string() {
        assertThat(settings(provider.endpoint(), Duration.ofSeconds(1), 1).toString())
                .doesNotContain(TOKEN);
        assertThat(transport.toString())
                .doesNotContain(TOKEN)
                .contains(provider.endpoint().toString());
    }

    @Test
    void plain_http_is_refused_unless_allowed_explicitly() {
        assertThatThrownBy(() -> HttpSmsSettings.https(provider.endpoint(), TOKEN, Duration.ofSeconds(5), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
        assertThatThrownBy(() -> new HttpSmsSettings(
                        URI.create("https://user:secret@sms.example/v1"), TOKEN, Duration.ofSeconds(5), 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
        assertThat(HttpSmsSettings.https(
                        URI.create("https://sms.example/v1/messages"), TOKEN, Duration.ofSeconds(5), 1))
                .isNotNull();
    }

    @Test
    void an_interrupted_sender_keeps_its_interrupt_and_is_retried_later() {
        Thread.currentThread().interrupt();
        SendOutcome outcome;
        boolean stillInterrupted;
        try {
            outcome = transport.send(HELLO);
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertThat(stillInterrupted).isTrue();
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SendOutcome.RetryLater.class,
                        retry -> assertThat(retry.code()).isEqualTo("INTERRUPTED"));
        assertThat(provider.received).isEmpty();
    }

    @Test
    void after_close_a_send_is_retried_later() {
        transport.close();

        assertThat(transport.send(HELLO)).isInstanceOf(SendOutcome.RetryLater.class);
        assertThat(provider.received).isEmpty();
    }

    /** One request as the provider saw it. */
    record Received(String method, String path, Headers headers, String body, int clientPort) {

        JsonNode json() {
            return JsonMapper.shared().readTree(body);
        }
    }

    /** What the provider answers next. */
    record Answer(int status, Map<String, String> headers, String body) {}

    /**
     * An HTTP SMS provider on the loopback interface: records what it receives, answers what it is told, and can
     * hold every request until released (a provider that never answers, or a slow one).
     */
    static final class TestProvider implements AutoCloseable {

        final List<Received> received = new CopyOnWriteArrayList<>();
        final Semaphore arrivals = new Semaphore(0);
        final AtomicInteger mostAtOnce = new AtomicInteger();
        private final AtomicInteger atOnce = new AtomicInteger();
        private final AtomicReference<Answer> answer = new AtomicReference<>(
                new Answer(200, Map.of("Content-Type", "application/json"), "{\"id\":\"msg-1\"}"));
        private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
        private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        private final HttpServer server;

        TestProvider() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/messages", this::handle);
            server.setExecutor(handlers);
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/messages");
        }

        void answer(int status, Map<String, String> headers, String body) {
            answer.set(new Answer(status, headers, body));
        }

        void hold() {
            gate.set(new CountDownLatch(1));
        }

        void release() {
            gate.get().countDown();
        }

        private void handle(HttpExchange exchange) throws IOException {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(),
                    body,
                    exchange.getRemoteAddress().getPort()));
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            arrivals.release();
            try {
                gate.get().await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                atOnce.decrementAndGet();
            }
            var next = answer.get();
            next.headers().forEach(exchange.getResponseHeaders()::add);
            var bytes = next.body().getBytes(StandardCharsets.UTF_8);
            try (exchange) {
                exchange.sendResponseHeaders(next.status(), bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (IOException clientGone) {
                // the transport gave up waiting (the timeout test): nothing to answer
            }
        }

        @Override
        public void close() {
            release();
            server.stop(0);
            handlers.shutdownNow();
        }
    }
}
