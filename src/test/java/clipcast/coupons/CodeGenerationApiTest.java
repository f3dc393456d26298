package clipcast.coupons;

import static clipcast.coupons.CouponApi.anOffer;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantScope;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ClipcastTest
class CodeGenerationApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    Coupons coupons;

    @Autowired
    CodeRepository codeRepository;

    @Autowired
    CodeJobRepository jobRepository;

    @Autowired
    OfferRepository offerRepository;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Autowired
    CouponsProperties properties;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    CouponApi shop(String name) {
        return new CouponApi(new HttpApi(port, tenants.create(name).apiKey()));
    }

    @Test
    void an_offer_is_created_with_its_discount_limits_and_code_format() {
        var api = shop("Offer Shop");

        var reply = api.http.post(
                "/api/v1/offers",
                anOffer()
                        .with("discount", HttpApi.json("type", "AMOUNT", "value", 5, "currency", "eur"))
                        .with("maxRedemptionsPerContact", 2)
                        .with("maxRedemptionsTotal", 1000)
                        .with("channels", java.util.List.of("email", "SMS"))
                        .withFormat("pattern", "SPRING-####-????")
                        .withFormat("checkCharacter", true)
                        .body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        var offer = reply.json();
        assertThat(offer.get("discount").get("currency").asString()).isEqualTo("EUR");
        assertThat(offer.get("maxRedemptionsPerCode").asInt()).isEqualTo(1);
        assertThat(offer.get("channels").toString()).contains("EMAIL", "SMS");
        assertThat(offer.get("codeFormat").get("alphabet").asString()).isEqualTo("23456789ABCDEFGHJKMNPQRSTUVWXYZ");
        assertThat(api.http.get("/api/v1/offers/" + offer.get("id").asString()).status())
                .isEqualTo(200);
    }

    @Test
    void bad_offers_are_refused_naming_the_field() {
        var api = shop("Bad Offer Shop");

        var noName = api.http.post("/api/v1/offers", anOffer().with("name", " ").body);
        var badPercent = api.http.post(
                "/api/v1/offers", anOffer().with("discount", HttpApi.json("type", "PERCENT", "value", 150)).body);
        var badAlphabet = api.http.post("/api/v1/offers", anOffer().withFormat("alphabet", "AAB").body);
        var badType = api.http.post("/api/v1/offers", anOffer().with("discount", HttpApi.json("type", "FREE")).body);
        var badDate = api.http.post("/api/v1/offers", anOffer().with("validUntil", "tomorrow").body);

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(badPercent.status()).isEqualTo(400);
        assertThat(badPercent.json().get("errors").get(0).get("field").asString())
                .isEqualTo("discount");
        assertThat(badAlphabet.json().get("errors").get(0).get("field").asString())
                .isEqualTo("codeFormat");
        assertThat(badType.json().get("errors").get(0).get("field").asString()).startsWith("discount");
        assertThat(badDate.json().get("errors").get(0).get("field").asString()).isEqualTo("validUntil");
        assertThat(api.http.get("/api/v1/offers").json().get("items")).isEmpty();
    }

    @Test
    void codes_follow_the_pattern_and_export_as_csv_with_a_code_column() {
        var api = shop("Pattern Shop");
        var offer = api.createOffer(
                anOffer().withFormat("pattern", "SPRING-####-????").withFormat("checkCharacter", true));

        var reply = api.generate(offer, 500);
        var csv = api.http.send(api.http
                .request("/api/v1/offers/" + offer + "/codes")
                .header("Accept", "text/csv")
                .GET());

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("status").asString()).isEqualTo("DONE");
        assertThat(reply.json().get("done").asInt()).isEqualTo(500);
        assertThat(csv.contentType()).startsWith("text/csv");
        var lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("code,");
        var codes = lines.stream().skip(1).map(line -> line.split(",")[0]).toList();
        assertThat(codes).hasSize(500).doesNotHaveDuplicates();
        assertThat(codes).allMatch(code -> code.matches("SPRING-[2-9]{4}-[A-HJKMNP-Z]{4}[2-9A-HJKMNP-Z]"));
    }

    @Test
    void a_typo_in_a_code_with_a_check_character_is_refused_before_lookup() {
        var api = shop("Typo Shop");
        var offer = api.createOffer(anOffer().withFormat("length", 8).withFormat("checkCharacter", true));
        var code = api.issue(offer, UUID.randomUUID());
        var typo = code.substring(0, 3) + (code.charAt(3) == 'X' ? 'Y' : 'X') + code.substring(4);

        assertThat(api.validate(typo).json().get("code").asString()).isEqualTo("UNKNOWN_CODE");
        assertThat(api.validate(code).status()).isEqualTo(200);
    }

    @Test
    void a_request_too_large_for_the_code_space_is_refused() {
        var api = shop("Small Space Shop");
        var offer = api.createOffer(anOffer().withFormat("length", 6));

        var reply = api.generate(offer, 1000);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("code").asString()).isEqualTo("CODE_SPACE_TOO_SMALL");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("count");
    }

    @Test
    void a_large_request_runs_as_a_job_whose_progress_can_be_read() throws Exception {
        var api = shop("Job Shop");
        var offer = api.createOffer(anOffer().withFormat("prefix", "JOB"));

        var reply = api.generate(offer, 30_000);

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.json().get("total").asInt()).isEqualTo(30_000);
        var job = reply.header("Location");
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpApi.Reply progress;
        do {
            Thread.sleep(200);
            progress = api.http.get(job);
        } while (!progress.json().get("status").asString().equals("DONE") && System.nanoTime() < deadline);
        assertThat(progress.json().get("done").asInt()).isEqualTo(30_000);
        var csv = api.http.send(api.http
                .request("/api/v1/offers/" + offer + "/codes")
                .header("Accept", "text/csv")
                .GET());
        assertThat(csv.body().lines().skip(1).distinct().count()).isEqualTo(30_000);
    }

    @Test
    void collisions_with_existing_codes_are_skipped_and_made_up_for() {
        var shop = tenants.create("Collision Shop");
        var offer = TenantScope.call(
                shop.tenant().id(),
                () -> coupons.createOffer(new NewOffer(
                        "Collisions",
                        new clipcast.coupons.domain.Discount(
                                clipcast.coupons.domain.DiscountType.TEXT, null, null, "A gift"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)));

        // The same seed makes the same codes: the second run collides with every code of the first.
        var first = TenantScope.call(shop.tenant().id(), () -> coupons.requestCodes(offer.id(), 1000, new Random(42)));
        var second = TenantScope.call(shop.tenant().id(), () -> coupons.requestCodes(offer.id(), 1500, new Random(42)));

        assertThat(first)
                .isInstanceOfSatisfying(
                        CodeRequestOutcome.Started.class,
                        started -> assertThat(started.job().done()).isEqualTo(1000));
        assertThat(second).isInstanceOfSatisfying(CodeRequestOutcome.Started.class, started -> {
            assertThat(started.job().status()).isEqualTo(CodeJob.Status.DONE);
            assertThat(started.job().done()).isEqualTo(1500);
        });
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var csv = api.http.send(api.http
                .request("/api/v1/offers/" + offer.id() + "/codes")
                .header("Accept", "text/csv")
                .GET());
        assertThat(new HashSet<>(csv.body().lines().skip(1).toList())).hasSize(2500);
    }

    @Test
    void a_job_of_many_batches_stored_by_two_writers_counts_every_code_once_even_when_all_collide() {
        var shop = tenants.create("Pipeline Shop");
        var tenant = shop.tenant().id();
        var generation =
                new CodeGeneration(codeRepository, jobRepository, offerRepository, transactions, withBatches(1_000, 2));
        var offer = TenantScope.call(tenant, () -> coupons.createOffer(textOffer("Pipeline")));
        var format = offer.codeFormat();

        var first = TenantScope.call(
                tenant, () -> generation.run(tenant, newJob(tenant, offer.id(), 10_500), format, new Random(7)));
        // The same seed makes the same batches again: every one of them collides, and the job makes up for them.
        var second = TenantScope.call(
                tenant, () -> generation.run(tenant, newJob(tenant, offer.id(), 10_500), format, new Random(7)));

        assertThat(first.status()).isEqualTo(CodeJob.Status.DONE);
        assertThat(first.done()).isEqualTo(10_500);
        assertThat(second.status()).isEqualTo(CodeJob.Status.DONE);
        assertThat(second.done()).isEqualTo(10_500);
        assertThat(storedProgress(tenant, second.jobId())).isEqualTo(10_500);
        assertThat(TenantScope.call(tenant, () -> codeRepository.countForOffer(tenant, offer.id())))
                .isEqualTo(21_000);
    }

    private CouponsProperties withBatches(int batchSize, int writers) {
        return new CouponsProperties(
                properties.reversalWindow(),
                properties.syncCodeLimit(),
                batchSize,
                writers,
                properties.guessWindow(),
                properties.guessSlowAfter(),
                properties.guessRefuseAfter(),
                properties.guessDelayStep(),
                properties.guessCleanTtl(),
                properties.idempotencyTtl());
    }

    private CodeJob newJob(clipcast.tenancy.TenantId tenant, UUID offerId, int total) {
        return jobRepository.insert(
                tenant, UUID.randomUUID(), offerId, total, CodeJob.Status.RUNNING, CodeGeneration.LEASE);
    }

    private int storedProgress(clipcast.tenancy.TenantId tenant, UUID jobId) {
        return TenantScope.call(
                tenant,
                () -> jdbc.sql("SELECT done FROM code_job WHERE tenant_id = ? AND id = ?")
                        .params(tenant.value(), jobId)
                        .query(Integer.class)
                        .single());
    }

    private static NewOffer textOffer(String name) {
        return new NewOffer(
                name,
                new clipcast.coupons.domain.Discount(clipcast.coupons.domain.DiscountType.TEXT, null, null, "A gift"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void imported_codes_are_added_all_or_nothing() {
        var api = shop("Import Shop");
        var offer = api.createOffer(anOffer());

        var good = importCsv(api, offer, "code\nEXT-0001\next-0002\n");
        var bad = importCsv(api, offer, "code\nEXT-0003\nEXT-0001\n!!\n");

        assertThat(good.status()).as(good.body()).isEqualTo(201);
        assertThat(good.json().get("imported").asInt()).isEqualTo(2);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("code").asString()).isEqualTo("IMPORT_REJECTED");
        assertThat(bad.body()).contains("CODE_TAKEN", "INVALID_FORMAT");
        assertThat(api.validate("EXT-0002").status()).isEqualTo(200);
        assertThat(api.validate("EXT-0003").json().get("code").asString()).isEqualTo("UNKNOWN_CODE");
    }

    @Test
    void a_shared_code_needs_a_total_cap() {
        var api = shop("Shared Shop");
        var uncapped = api.createOffer(anOffer());
        var capped = api.createOffer(anOffer().with("maxRedemptionsTotal", 10));

        var refused = api.http.post("/api/v1/offers/" + uncapped + "/generic-code", "{}");
        var created = api.http.post("/api/v1/offers/" + capped + "/generic-code", "{}");
        var again = api.http.post("/api/v1/offers/" + capped + "/generic-code", "{}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("GENERIC_CODE_NEEDS_CAP");
        assertThat(created.status()).isEqualTo(201);
        assertThat(again.json().get("code").asString())
                .isEqualTo(created.json().get("code").asString());
        var code = created.json().get("code").asString();
        assertThat(api.redeem(code).status()).isEqualTo(201);
        assertThat(api.redeem(code).status()).isEqualTo(201);
    }

    private static HttpApi.Reply importCsv(CouponApi api, String offer, String csv) {
        return api.http.send(api.http
                .request("/api/v1/offers/" + offer + "/codes")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
    }
}
