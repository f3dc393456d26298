package clipcast.campaigns;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.HttpApi;
import clipcast.support.TestSmtp;
import clipcast.support.TestTenants;
import clipcast.tenancy.Tenant;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** A merchant set up for campaigns through the API: sender profile, a verified email sender, contacts. */
final class CampaignShop {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final HttpApi api;
    final Tenant tenant;
    final String domain;
    String senderId;

    CampaignShop(int port, TestTenants tenants, String name) {
        var created = tenants.create(name);
        this.api = new HttpApi(port, created.apiKey());
        this.tenant = created.tenant();
        this.domain = tenant.slug() + ".example";
    }

    HttpApi.Reply put(String path, Object body) {
        return api.send(api.request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** Profile plus an email sender confirmed through the link it was sent. */
    CampaignShop ready(Senders senders) {
        var profile = put(
                "/api/v1/sender-profile",
                json(
                        "legalName", "Corner Bakery SARL",
                        "postalAddress", "12 rue des Lilas, 75011 Paris, France",
                        "contactEmail", "owner@" + domain));
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        var sender = api.post(
                "/api/v1/senders",
                json("kind", "EMAIL", "address", "offers@" + domain, "displayName", "Corner Bakery"));
        assertThat(sender.status()).as(sender.body()).isEqualTo(201);
        assertThat(sender.json().get("status").asString()).isEqualTo("PENDING");
        senderId = sender.json().get("id").asString();
        var body = TestSmtp.newestText("offers@" + domain);
        var token = body.replaceAll("(?s).*/senders/confirm/([A-Za-z0-9_-]{64}).*", "$1");
        assertThat(senders.confirm(token, false)).isEqualTo(Senders.Confirmation.ASK);
        assertThat(senders.confirm(token, true)).isEqualTo(Senders.Confirmation.CONFIRMED);
        assertThat(api.get("/api/v1/senders/" + senderId).json().get("status").asString())
                .isEqualTo("VERIFIED");
        return this;
    }

    UUID contact(String firstName, String email, List<String> lists, List<Map<String, Object>> consents) {
        var reply = api.post(
                "/api/v1/contacts", json("email", email, "firstName", firstName, "lists", lists, "consents", consents));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return UUID.fromString(reply.json().get("id").asString());
    }

    static Map<String, Object> emailConsent() {
        return json(
                "channel", "EMAIL",
                "purpose", "marketing",
                "status", "GRANTED",
                "method", "WEB_FORM",
                "evidence",
                        json(
                                "text", "Yes, send me offers by email",
                                "textVersion", "v1",
                                "sourceUrl", "https://bakery.example/signup",
                                "collectedAt", "2026-01-02T10:00:00Z"));
    }

    String campaign(Map<String, Object> body) {
        var reply = api.post("/api/v1/campaigns", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asString();
    }
}
