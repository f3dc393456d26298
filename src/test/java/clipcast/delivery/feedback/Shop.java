package clipcast.delivery.feedback;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.campaigns.Senders;
import clipcast.support.HttpApi;
import clipcast.support.TestSmtp;
import clipcast.support.TestTenants;
import clipcast.tenancy.Tenant;
import java.net.http.HttpRequest;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A merchant ready to send email campaigns through the API: sender profile, a confirmed sender, contacts. */
final class Shop {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final HttpApi api;
    final Tenant tenant;
    final String domain;
    private String senderId;

    Shop(int port, TestTenants tenants, String name, Senders senders) {
        var created = tenants.create(name);
        this.api = new HttpApi(port, created.apiKey());
        this.tenant = created.tenant();
        this.domain = tenant.slug() + ".example";
        var profile = api.send(api.request("/api/v1/sender-profile")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json(
                        "legalName", name + " SARL",
                        "postalAddress", "12 rue des Lilas, 75011 Paris, France",
                        "contactEmail", "owner@" + domain)))));
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        var sender =
                api.post("/api/v1/senders", json("kind", "EMAIL", "address", "offers@" + domain, "displayName", name));
        assertThat(sender.status()).as(sender.body()).isEqualTo(201);
        senderId = sender.json().get("id").asString();
        var confirmation = TestSmtp.newestText("offers@" + domain);
        var token = confirmation.replaceAll("(?s).*/senders/confirm/([A-Za-z0-9_-]{64}).*", "$1");
        assertThat(senders.confirm(token, true)).isEqualTo(Senders.Confirmation.CONFIRMED);
    }

    void contact(String firstName, String email, String list) {
        var reply = api.post(
                "/api/v1/contacts",
                json(
                        "email",
                        email,
                        "firstName",
                        firstName,
                        "lists",
                        List.of(list),
                        "consents",
                        List.of(json(
                                "channel", "EMAIL",
                                "purpose", "marketing",
                                "status", "GRANTED",
                                "method", "WEB_FORM",
                                "evidence",
                                        json(
                                                "text", "Yes, send me offers by email",
                                                "textVersion", "v1",
                                                "sourceUrl", "https://" + domain + "/signup",
                                                "collectedAt", "2026-01-02T10:00:00Z")))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    /** A new email campaign to the list; the body differs per campaign so no send is a duplicate of another. */
    String campaign(String list, String body) {
        var reply = api.post(
                "/api/v1/campaigns",
                json(
                        "name",
                        "Campaign " + body.hashCode(),
                        "channel",
                        "EMAIL",
                        "purpose",
                        "marketing",
                        "sender",
                        senderId,
                        "audience",
                        json("lists", List.of(list)),
                        "subject",
                        "News for you, {{contact.firstName}}",
                        "body",
                        body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asString();
    }

    JsonNode preflight(String campaignId) {
        var reply = api.post("/api/v1/campaigns/" + campaignId + "/preflight", json());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("audience");
    }

    void launch(String campaignId) {
        var reply = api.post("/api/v1/campaigns/" + campaignId + "/launch", json());
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    }

    JsonNode campaign(String campaignId) {
        return api.get("/api/v1/campaigns/" + campaignId).json();
    }
}
