package clipcast.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An import whose node died does not show RUNNING for ever; one whose node lives is left alone. */
@ClipcastTest
class ImportLeaseTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImportLeases leases;

    @Autowired
    ImportRepository imports;

    @Test
    void an_import_whose_node_stopped_renewing_its_lease_fails_as_abandoned_and_a_held_one_keeps_running() {
        var shop = tenants.create("Lease Shop");
        var tenant = shop.tenant().id();
        var api = new HttpApi(port, shop.apiKey());
        var expired = Instant.now().minusSeconds(1);
        var ofDeadNode = runningImport(tenant, expired);
        var ofThisNode = runningImport(tenant, expired);
        leases.hold(tenant, ofThisNode);

        assertThat(leases.renewAndFailAbandoned()).isGreaterThanOrEqualTo(1);

        var dead = api.get("/api/v1/imports/" + ofDeadNode);
        assertThat(dead.json().get("status").asString()).isEqualTo("FAILED");
        assertThat(dead.body()).contains("ABANDONED");
        var held = api.get("/api/v1/imports/" + ofThisNode);
        assertThat(held.json().get("status").asString()).isEqualTo("RUNNING");
        assertThat(leaseOf(tenant, ofThisNode)).isAfter(Instant.now());

        leases.release(tenant, ofThisNode);
        TenantScope.run(
                tenant,
                () -> jdbc.sql("UPDATE contact_import SET lease_until = ? WHERE id = ?")
                        .params(Timestamp.from(expired), ofThisNode)
                        .update());
        leases.renewAndFailAbandoned();
        assertThat(api.get("/api/v1/imports/" + ofThisNode).json().get("status").asString())
                .as("released, then its lease ran out")
                .isEqualTo("FAILED");
    }

    @Test
    void an_import_that_commits_after_being_given_up_for_abandoned_ends_done_without_the_verdict() {
        var shop = tenants.create("Slow Node Shop");
        var tenant = shop.tenant().id();
        var stalled = runningImport(tenant, Instant.now().minusSeconds(1));
        leases.renewAndFailAbandoned();
        assertThat(new HttpApi(port, shop.apiKey())
                        .get("/api/v1/imports/" + stalled)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("FAILED");

        TenantScope.run(tenant, () -> imports.finish(tenant, stalled, 10, 0, Instant.now()));

        var job = new HttpApi(port, shop.apiKey()).get("/api/v1/imports/" + stalled);
        assertThat(job.json().get("status").asString()).isEqualTo("DONE");
        assertThat(job.body()).doesNotContain("ABANDONED");
    }

    private UUID runningImport(TenantId tenant, Instant leaseUntil) {
        var id = UUID.randomUUID();
        TenantScope.run(
                tenant,
                () -> jdbc.sql("""
                        INSERT INTO contact_import (tenant_id, id, status, file_name, file_sha256, channel, purpose,
                            consent_method, consent_text, source_description, collected_at, not_purchased,
                            lease_until)
                        VALUES (?, ?, 'RUNNING', 'list.csv', ?, 'EMAIL', 'marketing', 'POINT_OF_SALE',
                            'Yes, coupons by email', 'Till sign-up sheets', now(), true, ?)""")
                        .params(tenant.value(), id, "ab".repeat(32), Timestamp.from(leaseUntil))
                        .update());
        return id;
    }

    private Instant leaseOf(TenantId tenant, UUID id) {
        return TenantScope.call(
                tenant,
                () -> jdbc.sql("SELECT lease_until FROM contact_import WHERE id = ?")
                        .param(id)
                        .query(Timestamp.class)
                        .single()
                        .toInstant());
    }
}
