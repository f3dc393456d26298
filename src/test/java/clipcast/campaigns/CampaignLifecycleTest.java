package clipcast.campaigns;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.Eventually;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.Role;
import clipcast.tenancy.Tenancy;
import clipcast.tenancy.TenantScope;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Scheduling, cancelling, the operator's release and decline, credits and frozen accounts, over the API. */
@ClipcastTest
class CampaignLifecycleTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Senders senders;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Tenancy tenancy;

    @Autowired
    Clock clock;

    CampaignShop shopWith(String name, int contacts) {
        var shop = new CampaignShop(port, tenants, name).ready(senders);
        var tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < contacts; i++) {
            shop.contact(
                    "C" + i,
                    "c" + i + "-" + tag + "@example.org",
                    List.of("all"),
                    List.of(CampaignShop.emailConsent()));
        }
        return shop;
    }

    Map<String, Object> campaign(CampaignShop shop, Object... more) {
        var body = json(
                "name", "Lifecycle",
                "channel", "EMAIL",
                "purpose", "marketing",
                "sender", shop.senderId,
                "audience", json("lists", List.of("all")),
                "subject", "News for {{contact.firstName}}",
                "body", "Our winter blend is here " + UUID.randomUUID());
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    String status(CampaignShop shop, String id) {
        return shop.api.get("/api/v1/campaigns/" + id).json().get("status").asString();
    }

    @Test
    void a_scheduled_campaign_launches_when_its_time_comes_and_a_cancelled_one_sends_nothing_more() {
        var shop = shopWith("Scheduled Bakery", 3);
        var later = clock.instant().plusSeconds(3).toString();
        var id = shop.campaign(campaign(shop, "scheduledAt", later));

        var launch = shop.api.post("/api/v1/campaigns/" + id + "/launch", json());

        assertThat(launch.status()).as(launch.body()).isEqualTo(202);
        assertThat(launch.json().get("status").asString()).isEqualTo("SCHEDULED");
        Eventually.within(
                Duration.ofSeconds(30),
                "the scheduler launches it",
                () -> status(shop, id).equals("SAMPLING"));

        var cancel = shop.api.post("/api/v1/campaigns/" + id + "/cancel", json());
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        assertThat(status(shop, id)).isEqualTo("CANCELLED");
        var delivery = shop.api.get("/api/v1/campaigns/" + id).json().get("delivery");
        assertThat(delivery.get("held").asInt() + delivery.get("queued").asInt())
                .isZero();
        assertThat(shop.api.post("/api/v1/campaigns/" + id + "/launch", json()).status())
                .isEqualTo(409);
    }

    @Test
    void the_operator_releases_or_declines_a_held_campaign_and_may_freeze_the_account() {
        var shop = shopWith("Held Bakery", 2);
        var email = "operator-" + UUID.randomUUID().toString().substring(0, 8) + "@clipcast.example";
        TenantScope.callAsPlatform(() -> tenancy.createUser(email, Role.OPERATOR, "operator-password-1"));
        var operator = "Basic "
                + Base64.getEncoder().encodeToString((email + ":operator-password-1").getBytes(StandardCharsets.UTF_8));
        var first = shop.campaign(campaign(shop));
        var second = shop.campaign(campaign(shop));
        for (var id : List.of(first, second)) {
            assertThat(shop.api
                            .post("/api/v1/campaigns/" + id + "/launch", json())
                            .status())
                    .isEqualTo(202);
            TenantScope.run(
                    shop.tenant.id(),
                    () -> jdbc.sql("UPDATE campaign SET status = 'HELD', held_reason ="
                                    + " 'COMPLAINT_RATE' WHERE id = ?::uuid")
                            .param(id)
                            .update());
        }
        var path = "/api/v1/operator/campaigns/" + shop.tenant.id().value() + "/";

        assertThat(operatorPost(path + first + "/release", null, json()).status())
                .isEqualTo(401);
        assertThat(operatorPost(
                                path + first + "/release",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        "owner@nowhere.example:wrong".getBytes(StandardCharsets.UTF_8)),
                                json())
                        .status())
                .isEqualTo(401);
        var held = shop.api.send(new HttpApi(port, null)
                .request("/api/v1/operator/campaigns/held")
                .header("Authorization", operator)
                .GET());
        assertThat(held.body()).contains(first, second);

        var released = operatorPost(path + first + "/release", operator, json());
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(status(shop, first)).isEqualTo("SENDING");
        var declined =
                operatorPost(path + second + "/decline", operator, json("freezeAccount", true, "reason", "Spam"));
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(status(shop, second)).isEqualTo("DECLINED");
        assertThat(tenancy.findTenant(shop.tenant.id()).orElseThrow().status().name())
                .isEqualTo("FROZEN");

        var third = shop.campaign(campaign(shop));
        var refused = shop.api.post("/api/v1/campaigns/" + third + "/launch", json());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("ACCOUNT_FROZEN");
        assertThat(operatorPost(path + second + "/release", operator, json()).status())
                .isEqualTo(409);
    }

    @Test
    void recipients_beyond_the_message_credits_are_blocked_as_quota_exceeded() {
        var shop = shopWith("Quota Bakery", 3);
        TenantScope.run(
                shop.tenant.id(),
                () -> jdbc.sql("UPDATE tenant SET message_credits = 2 WHERE id = ?")
                        .param(shop.tenant.id().value())
                        .update());
        var id = shop.campaign(campaign(shop));

        var preflight =
                shop.api.post("/api/v1/campaigns/" + id + "/preflight", json()).json();
        assertThat(preflight.get("audience").get("eligible").asInt()).isEqualTo(2);
        assertThat(preflight
                        .get("audience")
                        .get("blocked")
                        .get("QUOTA_EXCEEDED")
                        .asInt())
                .isEqualTo(1);

        shop.api.post("/api/v1/campaigns/" + id + "/launch", json());
        var blocked = shop.api
                .get("/api/v1/campaigns/" + id + "/messages?status=blocked&reason=QUOTA_EXCEEDED")
                .json()
                .get("items");
        assertThat(blocked).hasSize(1);
        assertThat(shop.api.get("/api/v1/tenant").json().get("messageCredits").asInt())
                .isZero();
    }

    HttpApi.Reply operatorPost(String path, String authorization, Object body) {
        var api = new HttpApi(port, null);
        var request = api.request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api.send(request);
    }
}
