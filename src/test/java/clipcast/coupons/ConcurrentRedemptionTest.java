package clipcast.coupons;

import static clipcast.coupons.CouponApi.anOffer;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Exactly once, under concurrency, over real HTTP. */
@ClipcastTest
class ConcurrentRedemptionTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void two_hundred_concurrent_redemptions_of_one_single_use_code_succeed_exactly_once() throws Exception {
        var shop = tenants.create("Rush Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer());
        var code = api.issue(offer, UUID.randomUUID());

        var statuses = concurrently(200, i -> api.redeem(code));

        assertThat(count(statuses, "201")).isEqualTo(1);
        assertThat(count(statuses, "409 ALREADY_REDEEMED")).isEqualTo(199);
        assertThat(redemptionsIn(shop.tenant().id().value(), UUID.fromString(offer)))
                .isEqualTo(1);
    }

    @Test
    void a_shared_code_capped_at_100_hit_by_500_concurrent_requests_succeeds_exactly_100_times() throws Exception {
        var shop = tenants.create("Flash Sale Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer().with("maxRedemptionsTotal", 100));
        api.http.post("/api/v1/offers/" + offer + "/generic-code", HttpApi.json("code", "FLASH-100"));

        var statuses = concurrently(500, i -> api.redeem("FLASH-100"));

        assertThat(count(statuses, "201")).isEqualTo(100);
        assertThat(count(statuses, "409 TOTAL_CAP_REACHED")).isEqualTo(400);
        assertThat(redemptionsIn(shop.tenant().id().value(), UUID.fromString(offer)))
                .isEqualTo(100);
    }

    @Test
    void concurrent_retries_with_one_idempotency_key_redeem_once_and_all_get_the_same_answer() throws Exception {
        var shop = tenants.create("Retry Storm Shop");
        var api = new CouponApi(new HttpApi(port, shop.apiKey()));
        var offer = api.createOffer(anOffer().with("maxRedemptionsPerCode", 5));
        var code = api.issue(offer, UUID.randomUUID());
        var key = UUID.randomUUID().toString();

        var replies = concurrentReplies(20, i -> api.redeem(HttpApi.json("code", code), key));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(201));
        assertThat(replies.stream()
                        .map(reply -> reply.json().get("id").asString())
                        .distinct())
                .hasSize(1);
        assertThat(redemptionsIn(shop.tenant().id().value(), UUID.fromString(offer)))
                .isEqualTo(1);
    }

    private long redemptionsIn(UUID tenant, UUID offer) {
        return clipcast.tenancy.TenantScope.call(
                new clipcast.tenancy.TenantId(tenant),
                () -> jdbc.sql("SELECT count(*) FROM redemption WHERE tenant_id = ? AND offer_id = ?")
                        .params(tenant, offer)
                        .query(Long.class)
                        .single());
    }

    private static long count(Map<String, Long> statuses, String status) {
        return statuses.getOrDefault(status, 0L);
    }

    private static Map<String, Long> concurrently(int requests, Function<Integer, HttpApi.Reply> call)
            throws Exception {
        return concurrentReplies(requests, call).stream()
                .map(reply -> reply.status() == 201
                        ? "201"
                        : reply.status() + " " + reply.json().get("code").asString())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static List<HttpApi.Reply> concurrentReplies(int requests, Function<Integer, HttpApi.Reply> call)
            throws Exception {
        var start = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<HttpApi.Reply>>();
            for (int i = 0; i < requests; i++) {
                int n = i;
                futures.add(executor.submit(() -> {
                    start.await();
                    return call.apply(n);
                }));
            }
            start.countDown();
            var replies = new ArrayList<HttpApi.Reply>();
            for (var future : futures) {
                replies.add(future.get());
            }
            return replies;
        }
    }
}
