package clipcast.delivery.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clipcast.consent.Channel;
import clipcast.delivery.CampaignDelivery;
import clipcast.delivery.Outbox;
import clipcast.delivery.OutboxEntry;
import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signed tracking links against the running server: a message in a tenant's outbox, its pixel and click links
 * opened over HTTP, the events flushed and counted the way campaign reports and staged release count them.
 */
@ClipcastTest
class TrackingLinksTest {

    @LocalServerPort
    int port;

    @Value("${clipcast.public-url}")
    String publicUrl;

    @Autowired
    TrackingLinks links;

    @Autowired
    TrackingEvents events;

    @Autowired
    Outbox outbox;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    HttpApi http;
    TenantId tenant;
    UUID campaign;
    UUID message;

    @BeforeEach
    void aSentMessage() {
        http = new HttpApi(port, null);
        tenant = tenants.create("Tracking Deli").tenant().id();
        campaign = UUID.randomUUID();
        message = enqueue(campaign);
    }

    @Test
    void links_are_addresses_under_the_public_url() {
        assertThat(links.openPixelUrl(tenant, message, campaign)).startsWith(publicUrl + "/o/");
        assertThat(links.clickUrl(tenant, message, campaign, "https://deli.example/menu"))
                .startsWith(publicUrl + "/r/");
    }

    @Test
    void a_click_link_redirects_to_its_signed_target_and_counts_as_a_click() {
        var link = links.clickUrl(tenant, message, campaign, "https://deli.example/menu?day=friday");

        var reply = http.getPublic(path(link));

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).isEqualTo("https://deli.example/menu?day=friday");
        assertThat(reply.header("Cache-Control")).contains("no-store");
        events.flush();
        assertThat(delivery().clicks()).isEqualTo(1);
        assertThat(delivery().opens()).isZero();
        assertThat(details("CLICK")).containsExactly("https://deli.example/menu?day=friday");
    }

    @Test
    void the_open_pixel_is_a_transparent_gif_that_is_never_cached_and_counts_as_an_open() throws Exception {
        var reply = getBytes(path(links.openPixelUrl(tenant, message, campaign)));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(reply.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(reply.body()).isEqualTo(TrackingServlet.PIXEL).startsWith("GIF89a".getBytes());
        events.flush();
        assertThat(delivery().opens()).isEqualTo(1);
    }

    @Test
    void the_open_pixel_is_answered_for_garbage_and_records_nothing() throws Exception {
        var genuine = links.openPixelUrl(tenant, message, campaign);
        var tampered = path(genuine).substring(0, path(genuine).length() - 2) + "AA";
        var click = path(links.clickUrl(tenant, message, campaign, "https://deli.example/"))
                .replace("/r/", "/o/");

        for (var garbage : List.of(
                "/o/x",
                "/o/" + "A".repeat(87),
                "/o/%F0%9F%8D%AA",
                "/o/!*~",
                "/o/" + "-".repeat(5000),
                tampered,
                click)) {
            var reply = getBytes(garbage);
            assertThat(reply.statusCode()).as(garbage).isEqualTo(200);
            assertThat(reply.headers().firstValue("Content-Type")).as(garbage).hasValue("image/gif");
            assertThat(reply.body()).as(garbage).isEqualTo(TrackingServlet.PIXEL);
        }
        events.flush();
        assertThat(delivery().opens()).isZero();
        assertThat(delivery().clicks()).isZero();
    }

    @Test
    void a_click_link_with_a_changed_target_leads_to_a_not_found_page_not_to_the_new_target() {
        var raw = Base64.getUrlDecoder()
                .decode(token(links.clickUrl(tenant, message, campaign, "https://deli.example/a")));
        // Same length, so only the signature can tell: https://deli.example/a -> https://evil.example/a
        var text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).replace("deli", "evil");
        var forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        var reply = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/r/" + forged))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Location")).isNull();
        assertThat(reply.contentType()).startsWith("text/html");
        assertThat(reply.body()).contains("could not be served").doesNotContain("Exception", "evil.example");
    }

    @Test
    void a_click_link_moved_to_another_message_leads_nowhere() {
        var raw = Base64.getUrlDecoder()
                .decode(token(links.clickUrl(tenant, message, campaign, "https://deli.example/a")));
        var other = UUID.randomUUID();
        java.nio.ByteBuffer.wrap(raw, 17, 16)
                .putLong(other.getMostSignificantBits())
                .putLong(other.getLeastSignificantBits());

        var reply =
                http.getPublic("/r/" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Location")).isNull();
        events.flush();
        assertThat(delivery().clicks()).isZero();
    }

    @Test
    void garbage_and_open_tokens_are_no_click_links() {
        var open = token(links.openPixelUrl(tenant, message, campaign));

        for (var garbage : List.of("x", "A".repeat(200), open, "javascript:alert(1)")) {
            var reply = http.getPublic("/r/" + garbage);
            assertThat(reply.status()).as(garbage).isEqualTo(404);
            assertThat(reply.header("Location")).as(garbage).isNull();
        }
    }

    @Test
    void unsafe_or_relative_targets_are_refused_when_signing() {
        for (var target : List.of("javascript:alert(1)", "/coupons", "//evil.example", "data:text/html,x")) {
            assertThatThrownBy(() -> links.clickUrl(tenant, message, campaign, target))
                    .as(target)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void opens_and_clicks_of_several_messages_are_counted_once_per_message() {
        var second = enqueue(campaign);
        var pixel = path(links.openPixelUrl(tenant, message, campaign));
        http.getPublic(pixel);
        http.getPublic(pixel);
        http.getPublic(path(links.openPixelUrl(tenant, second, campaign)));
        http.getPublic(path(links.clickUrl(tenant, second, campaign, "https://deli.example/a")));
        http.getPublic(path(links.clickUrl(tenant, second, campaign, "https://deli.example/b")));

        events.flush();

        var delivery = delivery();
        assertThat(delivery.opens()).isEqualTo(2);
        assertThat(delivery.clicks()).isEqualTo(1);
        assertThat(details("CLICK")).containsExactlyInAnyOrder("https://deli.example/a", "https://deli.example/b");
    }

    @Test
    void a_reload_storm_on_one_pixel_is_recorded_once() {
        var pixel = path(links.openPixelUrl(tenant, message, campaign));

        for (int i = 0; i < 25; i++) {
            assertThat(http.getPublic(pixel).status()).isEqualTo(200);
        }
        events.flush();

        assertThat(rows("OPEN")).isEqualTo(1);
    }

    @Test
    void a_head_request_is_answered_but_not_counted() throws Exception {
        var reply = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                        + path(links.openPixelUrl(tenant, message, campaign))))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());

        assertThat(reply.statusCode()).isEqualTo(200);
        events.flush();
        assertThat(rows("OPEN")).isZero();
    }

    private UUID enqueue(UUID campaignId) {
        var contact = UUID.randomUUID();
        return TenantScope.call(tenant, () -> {
            outbox.enqueue(List.of(new OutboxEntry(
                    campaignId,
                    contact,
                    Channel.EMAIL,
                    "marketing",
                    contact + "@deli.example",
                    "FR",
                    "Europe/Paris",
                    null,
                    1,
                    1,
                    false,
                    Instant.now())));
            return jdbc.sql("SELECT id FROM outbox_message WHERE tenant_id = ? AND campaign_id = ? AND contact_id = ?")
                    .params(tenant.value(), campaignId, contact)
                    .query(UUID.class)
                    .single();
        });
    }

    private CampaignDelivery delivery() {
        return TenantScope.call(tenant, () -> outbox.delivery(campaign));
    }

    private long rows(String kind) {
        return TenantScope.call(
                tenant,
                () -> jdbc.sql(
                                "SELECT count(*) FROM delivery_event WHERE tenant_id = ? AND campaign_id = ? AND kind = ?")
                        .params(tenant.value(), campaign, kind)
                        .query(Long.class)
                        .single());
    }

    private List<String> details(String kind) {
        return TenantScope.call(
                tenant,
                () -> jdbc.sql("SELECT detail FROM delivery_event WHERE tenant_id = ? AND campaign_id = ? AND kind = ?")
                        .params(tenant.value(), campaign, kind)
                        .query(String.class)
                        .list());
    }

    private HttpResponse<byte[]> getBytes(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String path(String url) {
        return URI.create(url).getRawPath();
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
