package clipcast.delivery.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A push service (RFC 8030) on a local port, strict the way real ones are: a subscription is bound to the
 * application server key it was made with; a message must carry a VAPID token (RFC 8292) signed by that key, for
 * this service's origin, expiring within 24 hours, with a contact; it must have a TTL and the aes128gcm coding, and
 * it must decrypt for the subscriber. Anything else is answered 400 or 403. An endpoint can be told to answer
 * otherwise (410, 429, …) instead.
 */
final class TestPushService implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A message the service took: its headers, the VAPID claims, and the plaintext as the browser sees it. */
    record Received(String endpoint, Map<String, List<String>> headers, JsonNode claims, String plaintext) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A request the service turned down, and why. */
    record Turned(String endpoint, int status, String reason) {}

    private record Subscription(TestBrowser browser, String applicationServerKey) {}

    private record Answer(int status, Map<String, String> headers) {}

    private final HttpServer server;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Turned> turned = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    TestPushService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/push/", this::handle);
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new subscription endpoint for a browser that subscribed with this application server key. */
    String subscribe(TestBrowser browser, String applicationServerKey) {
        var endpoint = origin() + "/push/" + UUID.randomUUID();
        subscriptions.put(endpoint, new Subscription(browser, applicationServerKey));
        return endpoint;
    }

    /** From now on, this endpoint answers with this status and headers, whatever comes. */
    void answer(String endpoint, int status, Map<String, String> headers) {
        answers.put(endpoint, new Answer(status, headers));
    }

    List<Received> received(String endpoint) {
        return received.stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    List<Turned> turned(String endpoint) {
        return turned.stream().filter(t -> t.endpoint().equals(endpoint)).toList();
    }

    /** Every request to the endpoint, taken or not. */
    long requests(String endpoint) {
        return requests.stream().filter(endpoint::equals).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var endpoint = origin() + exchange.getRequestURI().getPath();
            var body = exchange.getRequestBody().readAllBytes();
            requests.add(endpoint);
            var scripted = answers.get(endpoint);
            if (scripted != null) {
                scripted.headers()
                        .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                exchange.sendResponseHeaders(scripted.status(), -1);
                return;
            }
            var subscription = subscriptions.get(endpoint);
            if (subscription == null || !"POST".equals(exchange.getRequestMethod())) {
                turn(exchange, endpoint, 404, "no such subscription");
                return;
            }
            JsonNode claims;
            try {
                claims = verifyVapid(exchange.getRequestHeaders().getFirst("Authorization"), subscription);
            } catch (GeneralSecurityException | RuntimeException e) {
                turn(exchange, endpoint, 403, "VAPID: " + e.getMessage());
                return;
            }
            var headers = exchange.getRequestHeaders();
            if (headers.getFirst("TTL") == null || !"aes128gcm".equals(headers.getFirst("Content-Encoding"))) {
                turn(exchange, endpoint, 400, "TTL and Content-Encoding: aes128gcm are required");
                return;
            }
            if (body.length > 4096) {
                turn(exchange, endpoint, 413, "payload too large");
                return;
            }
            String plaintext;
            try {
                plaintext = new String(subscription.browser().decrypt(body), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException | RuntimeException e) {
                turn(exchange, endpoint, 400, "does not decrypt: " + e);
                return;
            }
            received.add(new Received(endpoint, Map.copyOf(headers), claims, plaintext));
            exchange.getResponseHeaders().add("Location", origin() + "/message/" + UUID.randomUUID());
            exchange.sendResponseHeaders(201, -1);
        }
    }

    private JsonNode verifyVapid(String authorization, Subscription subscription) throws GeneralSecurityException {
        if (authorization == null || !authorization.startsWith("vapid ")) {
            throw new GeneralSecurityException("no vapid authorization");
        }
        String token = null;
        String key = null;
        for (var parameter : authorization.substring("vapid ".length()).split(",")) {
            var pair = parameter.strip().split("=", 2);
            switch (pair[0]) {
                case "t" -> token = pair[1];
                case "k" -> key = pair[1];
                default -> throw new GeneralSecurityException("unknown parameter " + pair[0]);
            }
        }
        if (token == null || key == null) {
            throw new GeneralSecurityException("t and k are required");
        }
        if (!key.equals(subscription.applicationServerKey())) {
            throw new GeneralSecurityException("k is not the key the subscription was made with");
        }
        var parts = token.split("\\.");
        if (parts.length != 3) {
            throw new GeneralSecurityException("not a JWS compact serialisation");
        }
        var header = JSON.readTree(decode(parts[0]));
        if (!"ES256".equals(header.path("alg").asString())) {
            throw new GeneralSecurityException("alg is not ES256");
        }
        var signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initVerify(publicKey(decode(key)));
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!signature.verify(decode(parts[2]))) {
            throw new GeneralSecurityException("bad signature");
        }
        var claims = JSON.readTree(decode(parts[1]));
        if (!origin().equals(claims.path("aud").asString())) {
            throw new GeneralSecurityException("aud is not " + origin());
        }
        long now = Instant.now().getEpochSecond();
        long exp = claims.path("exp").asLong();
        if (exp <= now || exp > now + 24 * 3600) {
            throw new GeneralSecurityException("exp is not within the next 24 hours");
        }
        var sub = claims.path("sub").asString();
        if (!sub.startsWith("mailto:") && !sub.startsWith("https:")) {
            throw new GeneralSecurityException("sub is not a mailto: or https: contact");
        }
        return claims;
    }

    private void turn(HttpExchange exchange, String endpoint, int status, String reason) throws IOException {
        turned.add(new Turned(endpoint, status, reason));
        var bytes = reason.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
        if (uncompressed.length != 65 || uncompressed[0] != 4) {
            throw new GeneralSecurityException("k is not an uncompressed P-256 point");
        }
        var parameters = java.security.AlgorithmParameters.getInstance("EC");
        parameters.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var spec = parameters.getParameterSpec(java.security.spec.ECParameterSpec.class);
        var point = new ECPoint(
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    private static byte[] decode(String base64Url) {
        return Base64.getUrlDecoder().decode(base64Url);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
