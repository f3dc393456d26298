package clipcast.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ClipcastTest
class ApiKeyAuthenticationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_request_without_a_key_gets_a_401_problem() {
        var reply = new HttpApi(port, null).get("/api/v1/tenant");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void an_unknown_or_malformed_key_gets_a_401_problem() {
        var a = tenants.create("Alpha");
        var forged = a.apiKey().substring(0, a.apiKey().length() - 4) + "AAAA";

        for (var key : new String[] {forged, "nonsense", "cc_" + "0".repeat(32) + "_" + "A".repeat(43)}) {
            var reply = new HttpApi(port, key).get("/api/v1/tenant");
            assertThat(reply.status()).as(key).isEqualTo(401);
            assertThat(reply.json().get("code").asString()).isEqualTo("INVALID_API_KEY");
        }
    }

    @Test
    void the_calling_tenant_is_the_one_the_key_belongs_to() {
        var a = tenants.create("Alpha", Plan.GOLD);

        var tenant = new HttpApi(port, a.apiKey()).get("/api/v1/tenant").json();

        assertThat(tenant.get("id").asString()).isEqualTo(a.tenant().id().toString());
        assertThat(tenant.get("plan").asString()).isEqualTo("GOLD");
        assertThat(tenant.get("monthlyInteractions").asInt()).isEqualTo(250_000);
    }

    @Test
    void a_new_key_is_shown_once_and_stored_only_as_a_hash() {
        var a = tenants.create("Alpha");
        var api = new HttpApi(port, a.apiKey());

        var created = api.post("/api/v1/api-keys", Map.of("name", "till 1", "scope", "REDEEM"));
        var secret = created.json().get("key").asString();
        var id = created.json().get("id").asString();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/api-keys/" + id);
        assertThat(secret).startsWith("cc_");
        assertThat(api.get("/api/v1/api-keys/" + id).json().has("key")).isFalse();
        assertThat(api.get("/api/v1/api-keys").body()).doesNotContain(secret);
        var stored = TenantScope.callAsPlatform(() -> jdbc.sql(
                        "SELECT count(*) FROM api_key WHERE encode(key_hash, 'escape') LIKE ? OR key_prefix LIKE ?")
                .params("%" + secret.substring(40) + "%", "%" + secret.substring(40) + "%")
                .query(Long.class)
                .single());
        assertThat(stored).isZero();
    }

    @Test
    void a_revoked_key_is_refused_at_once() {
        var a = tenants.create("Alpha");
        var api = new HttpApi(port, a.apiKey());
        var created = api.post("/api/v1/api-keys", Map.of("name", "temporary")).json();
        var temporary = api.withKey(created.get("key").asString());
        assertThat(temporary.get("/api/v1/tenant").status()).isEqualTo(200);

        var revoked = api.delete("/api/v1/api-keys/" + created.get("id").asString());

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(temporary.get("/api/v1/tenant").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/api-keys/" + created.get("id").asString())
                        .json()
                        .get("revokedAt")
                        .isNull())
                .isFalse();
    }

    @Test
    void a_redeem_only_key_cannot_manage_the_account() {
        var a = tenants.create("Alpha");
        var till = new HttpApi(port, tenants.issueKey(a.tenant(), ApiKeyScope.REDEEM));

        var reply = till.post("/api/v1/api-keys", Map.of("name", "escalate"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("code").asString()).isEqualTo("FORBIDDEN_SCOPE");
        assertThat(till.get("/api/v1/tenant").status()).isEqualTo(403);
    }
}
