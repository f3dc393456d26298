package clipcast.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ClipcastTest
class TenantIsolationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_key_of_tenant_A_gets_404_on_the_resources_of_tenant_B() {
        var a = tenants.create("Alpha");
        var b = tenants.create("Beta");
        var asA = new HttpApi(port, a.apiKey());

        var read = asA.get("/api/v1/api-keys/" + b.apiKeyId());
        var revoke = asA.delete("/api/v1/api-keys/" + b.apiKeyId());

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(revoke.status()).isEqualTo(404);
        assertThat(new HttpApi(port, b.apiKey()).get("/api/v1/tenant").status())
                .as("B's key still works after A tried to revoke it")
                .isEqualTo(200);
    }

    @Test
    void a_tenant_lists_only_its_own_keys() {
        var a = tenants.create("Alpha");
        var b = tenants.create("Beta");

        var listed =
                new HttpApi(port, a.apiKey()).get("/api/v1/api-keys").json().get("items");

        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(a.apiKeyId().toString());
        assertThat(listed.toString()).doesNotContain(b.apiKeyId().toString());
    }

    @Test
    void row_level_security_hides_other_tenants_rows_even_from_a_query_without_a_tenant_filter() {
        var a = tenants.create("Alpha");
        tenants.create("Beta");

        long seenByA = TenantScope.call(
                a.tenant().id(),
                () -> jdbc.sql("SELECT count(*) FROM api_key").query(Long.class).single());
        long seenWithoutScope =
                jdbc.sql("SELECT count(*) FROM api_key").query(Long.class).single();
        long seenByPlatform = TenantScope.callAsPlatform(
                () -> jdbc.sql("SELECT count(*) FROM api_key").query(Long.class).single());

        assertThat(seenByA).isEqualTo(1);
        assertThat(seenWithoutScope).isZero();
        assertThat(seenByPlatform).isGreaterThanOrEqualTo(2);
    }

    @Test
    void every_connection_carries_exactly_the_scope_of_the_work_that_takes_it() {
        var a = tenants.create("Alpha").tenant().id();
        var b = tenants.create("Beta").tenant().id();
        var setting = "SELECT current_setting('clipcast.scope') || ':' || current_setting('clipcast.tenant_id')";

        for (int round = 0; round < 50; round++) {
            assertThat(TenantScope.call(
                            a, () -> jdbc.sql(setting).query(String.class).single()))
                    .isEqualTo("tenant:" + a);
            assertThat(jdbc.sql(setting).query(String.class).single()).isEqualTo(":");
            assertThat(TenantScope.call(
                            b, () -> jdbc.sql(setting).query(String.class).single()))
                    .isEqualTo("tenant:" + b);
            assertThat(TenantScope.callAsPlatform(
                            () -> jdbc.sql(setting).query(String.class).single()))
                    .isEqualTo("platform:");
        }
    }

    @Test
    void a_tenant_cannot_write_a_row_for_another_tenant() {
        var a = tenants.create("Alpha");
        var b = tenants.create("Beta");

        var inserted = TenantScope.call(a.tenant().id(), () -> {
            try {
                return jdbc.sql("""
                                INSERT INTO api_key (tenant_id, id, name, scope, key_hash, key_prefix)
                                VALUES (?, gen_random_uuid(), 'smuggled', 'FULL', '\\x00', 'x')""").param(b.tenant().id().value()).update();
            } catch (RuntimeException refused) {
                return -1;
            }
        });

        assertThat(inserted).isEqualTo(-1);
    }
}
