package clipcast.coupons;

import static clipcast.coupons.CouponApi.anOffer;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input to the coupon API is a 4xx naming the field, never a 500, and leaves nothing behind. */
@ClipcastTest
class CouponBadInputTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Test
    void bad_code_requests_name_the_field() {
        var api =
                new CouponApi(new HttpApi(port, tenants.create("Careless Shop").apiKey()));
        var offer = api.createOffer(anOffer());

        var zero = api.http.post("/api/v1/offers/" + offer + "/codes", HttpApi.json("count", 0));
        var text = api.http.post("/api/v1/offers/" + offer + "/codes", HttpApi.json("count", "many"));
        var missing = api.http.post("/api/v1/offers/" + offer + "/codes", "{}");
        var badPattern = api.http.post("/api/v1/offers", anOffer().withFormat("pattern", "ABC").body);

        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().get("errors").get(0).get("field").asString()).isEqualTo("count");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().get("errors").get(0).get("field").asString()).isEqualTo("count");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(badPattern.status()).isEqualTo(400);
        assertThat(badPattern.json().get("errors").get(0).get("field").asString())
                .isEqualTo("codeFormat");
        assertThat(api.http
                        .get("/api/v1/offers/" + offer + "/stats")
                        .json()
                        .get("codes")
                        .asLong())
                .isZero();
    }

    @Test
    void bad_issue_and_redemption_requests_name_the_field() {
        var api = new CouponApi(
                new HttpApi(port, tenants.create("Sloppy Till Shop").apiKey()));
        var offer = api.createOffer(anOffer());

        var noContact = api.http.post("/api/v1/offers/" + offer + "/issue", "{}");
        var badContact = api.http.post("/api/v1/offers/" + offer + "/issue", HttpApi.json("contactId", "bob"));
        var noCode = api.http.post("/api/v1/redemptions", "{}");
        var badCurrency = api.http.post("/api/v1/redemptions", HttpApi.json("code", "ABCD", "currency", "euro"));
        var unknownField = api.http.post("/api/v1/redemptions", HttpApi.json("code", "ABCD", "coupon", "x"));
        var badOffer = api.http.post("/api/v1/offers/not-a-uuid/issue", HttpApi.json("contactId", "x"));
        var noOffer = api.http.post(
                "/api/v1/offers/" + java.util.UUID.randomUUID() + "/issue",
                HttpApi.json("contactId", java.util.UUID.randomUUID().toString()));

        assertThat(noContact.status()).isEqualTo(400);
        assertThat(badContact.status()).isEqualTo(400);
        assertThat(badContact.json().get("errors").get(0).get("field").asString())
                .isEqualTo("contactId");
        assertThat(noCode.status()).isEqualTo(400);
        assertThat(badCurrency.status()).isEqualTo(400);
        assertThat(unknownField.json().get("code").asString()).isEqualTo("UNKNOWN_FIELD");
        assertThat(badOffer.status()).isEqualTo(400);
        assertThat(noOffer.status()).isEqualTo(404);
    }

    @Test
    void a_malformed_csv_import_is_refused_and_imports_nothing() {
        var api = new CouponApi(
                new HttpApi(port, tenants.create("Messy Import Shop").apiKey()));
        var offer = api.createOffer(anOffer());

        var noHeader = api.http.send(api.http
                .request("/api/v1/offers/" + offer + "/codes")
                .header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("voucher\nABCD-1234\n")));

        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.json().get("code").asString()).isEqualTo("CSV_HEADER_MISSING");
        assertThat(api.http
                        .get("/api/v1/offers/" + offer + "/stats")
                        .json()
                        .get("codes")
                        .asLong())
                .isZero();
    }
}
