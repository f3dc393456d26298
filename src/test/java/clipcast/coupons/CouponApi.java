package clipcast.coupons;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.HttpApi;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The coupon calls a till or a merchant's script makes, over real HTTP; offers built like test data. */
final class CouponApi {

    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(3);

    final HttpApi http;

    CouponApi(HttpApi http) {
        this.http = http;
    }

    static OfferBuilder anOffer() {
        return new OfferBuilder();
    }

    String createOffer(OfferBuilder offer) {
        var reply = http.post("/api/v1/offers", offer.body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asString();
    }

    HttpApi.Reply generate(String offerId, int count) {
        return http.post("/api/v1/offers/" + offerId + "/codes", HttpApi.json("count", count));
    }

    /** One unissued code of the offer, generated and read back from the CSV export. */
    String generateOne(String offerId) {
        var reply = generate(offerId, 1);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        var csv = http.send(http.request("/api/v1/offers/" + offerId + "/codes")
                .header("Accept", "text/csv")
                .GET());
        return csv.body().lines().skip(1).findFirst().orElseThrow().split(",")[0];
    }

    String issue(String offerId, UUID contactId) {
        var reply = http.post("/api/v1/offers/" + offerId + "/issue", HttpApi.json("contactId", contactId.toString()));
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        return reply.json().get("code").asString();
    }

    /** Imports a CSV file of codes sent as the body ({@code text/csv}); big files get time. */
    HttpApi.Reply importCsvBody(String offerId, byte[] csv) {
        return http.send(http.request("/api/v1/offers/" + offerId + "/codes")
                .timeout(IMPORT_TIMEOUT)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
    }

    /** Imports a CSV file of codes uploaded as the multipart part {@code file}; big files get time. */
    HttpApi.Reply importCsvFile(String offerId, byte[] csv) {
        var boundary = "----codes" + UUID.randomUUID();
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"codes.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return http.send(http.request("/api/v1/offers/" + offerId + "/codes")
                .timeout(IMPORT_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(csv),
                        HttpRequest.BodyPublishers.ofByteArray(tail))));
    }

    /** How many codes the offer has, as its statistics say. */
    long codeCount(String offerId) {
        var reply = http.get("/api/v1/offers/" + offerId + "/stats");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("codes").asLong();
    }

    HttpApi.Reply validate(String code) {
        return http.get("/api/v1/coupons/" + code);
    }

    HttpApi.Reply redeem(String code) {
        return http.post("/api/v1/redemptions", HttpApi.json("code", code));
    }

    HttpApi.Reply redeem(Map<String, Object> body, String idempotencyKey) {
        return http.send(http.request("/api/v1/redemptions")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(
                        tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body))));
    }

    static final class OfferBuilder {
        final Map<String, Object> body = new LinkedHashMap<>();
        final Map<String, Object> format = new LinkedHashMap<>();

        OfferBuilder() {
            body.put("name", "Spring sale");
            body.put("discount", HttpApi.json("type", "PERCENT", "value", 10));
            body.put("terms", "One per customer.");
        }

        OfferBuilder with(String field, Object value) {
            body.put(field, value);
            return this;
        }

        OfferBuilder withFormat(String field, Object value) {
            format.put(field, value);
            body.put("codeFormat", format);
            return this;
        }
    }
}
