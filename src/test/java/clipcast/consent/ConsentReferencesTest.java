package clipcast.consent;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A ledger entry always belongs to an existing contact of its own tenant, whichever way it is written: the
 * database checks it once per statement (V3_2), so these tests fail if that check is missing.
 */
@ClipcastTest
class ConsentReferencesTest {

    static final ImportEvidence IMPORT = new ImportEvidence(
            UUID.randomUUID(),
            "0".repeat(64),
            Channel.EMAIL,
            "marketing",
            ConsentMethod.IMPORT,
            "Yes, send me offers",
            "Shop sign-up sheets",
            Instant.parse("2026-01-01T00:00:00Z"));

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    Consents consents;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    static ConsentInput grant() {
        return new ConsentInput(
                Channel.EMAIL,
                "marketing",
                ConsentStatus.GRANTED,
                ConsentMethod.API,
                new Evidence("Yes, send me offers", null, null, null, null, null));
    }

    UUID contactOf(TenantId tenant, String email) {
        var id = UUID.randomUUID();
        TenantScope.run(
                tenant,
                () -> jdbc.sql("INSERT INTO contact (tenant_id, id, email) VALUES (?, ?, ?)")
                        .params(tenant.value(), id, email)
                        .update());
        return id;
    }

    long ledgerEntries(UUID contactId) {
        return TenantScope.callAsPlatform(() -> jdbc.sql("SELECT count(*) FROM consent_record WHERE contact_id = ?")
                .param(contactId)
                .query(Long.class)
                .single());
    }

    @Test
    void the_ledger_refuses_a_consent_of_a_contact_that_does_not_exist() {
        var tenant = tenants.create("Ledger").tenant().id();
        var unknown = UUID.randomUUID();

        assertThatThrownBy(() -> TenantScope.run(tenant, () -> consents.record(unknown, grant())))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("unknown contact");
        assertThat(ledgerEntries(unknown)).isZero();
    }

    @Test
    void the_ledger_refuses_a_statement_with_one_consent_that_names_the_contact_of_another_tenant() {
        var owner = tenants.create("Owner").tenant().id();
        var other = tenants.create("Other").tenant().id();
        var contact = contactOf(owner, "owned@example.com");

        assertThatThrownBy(() -> TenantScope.callAsPlatform(() -> jdbc.sql("""
                                INSERT INTO consent_record (tenant_id, contact_id, id, channel, purpose, status, method,
                                    evidence_text, collected_at)
                                VALUES (?, ?, ?, 'EMAIL', 'marketing', 'GRANTED', 'API', 'Yes', now()),
                                       (?, ?, ?, 'EMAIL', 'marketing', 'GRANTED', 'API', 'Yes', now())""")
                        .params(owner.value(), contact, UUID.randomUUID(), other.value(), contact, UUID.randomUUID())
                        .update()))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("unknown contact");
        assertThat(ledgerEntries(contact)).isZero();
    }

    @Test
    void the_import_ledger_refuses_a_staged_row_whose_contact_does_not_exist_and_writes_none_of_the_others() {
        var tenant = tenants.create("Import ledger").tenant().id();
        var known = contactOf(tenant, "known@example.com");
        var unknown = UUID.randomUUID();

        assertThatThrownBy(() -> TenantScope.run(
                        tenant,
                        () -> transactions.executeWithoutResult(status -> {
                            jdbc.sql("""
                                    CREATE TEMP TABLE test_stage (row_number bigint, contact_id uuid, consent_id uuid,
                                        error_field text, error_code text) ON COMMIT DROP""").update();
                            jdbc.sql("INSERT INTO test_stage VALUES (1, ?, ?, NULL, NULL), (2, ?, ?, NULL, NULL)")
                                    .params(known, UUID.randomUUID(), unknown, UUID.randomUUID())
                                    .update();
                            consents.recordImported(IMPORT, "test_stage");
                        })))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("unknown contact");
        assertThat(ledgerEntries(known)).isZero();
        assertThat(ledgerEntries(unknown)).isZero();
    }

    @Test
    void the_ledger_of_an_imports_new_contacts_refuses_a_row_whose_contact_does_not_exist() {
        var tenant = tenants.create("Import new contacts").tenant().id();
        var known = contactOf(tenant, "new@example.com");
        var unknown = UUID.randomUUID();

        assertThatThrownBy(() -> TenantScope.run(
                        tenant,
                        () -> transactions.executeWithoutResult(status -> {
                            jdbc.sql("""
                                    CREATE TEMP TABLE test_chunk (row_number bigint, contact_id uuid, consent_id uuid,
                                        error_field text, error_code text, created boolean) ON COMMIT DROP""").update();
                            jdbc.sql(
                                            "INSERT INTO test_chunk VALUES (1, ?, ?, NULL, NULL, true), (2, ?, ?, NULL, NULL, true)")
                                    .params(known, UUID.randomUUID(), unknown, UUID.randomUUID())
                                    .update();
                            consents.recordImportedForNewContacts(IMPORT, "test_chunk", "created");
                        })))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("unknown contact");
        assertThat(ledgerEntries(known)).isZero();
        assertThat(ledgerEntries(unknown)).isZero();
    }

    @Test
    void over_the_api_a_consent_for_an_unknown_an_erased_or_another_tenants_contact_is_a_404_and_writes_nothing() {
        var api = new HttpApi(port, tenants.create("Api").apiKey());
        var other = new HttpApi(port, tenants.create("Api other").apiKey());
        var consent = json(
                "channel", "EMAIL",
                "purpose", "marketing",
                "status", "GRANTED",
                "method", "API",
                "evidence", json("text", "Yes, send me offers"));
        var contact = api.post("/api/v1/contacts", json("email", "kept@example.com"))
                .json()
                .get("id")
                .asString();
        var erased = api.post("/api/v1/contacts", json("email", "erased@example.com", "consents", List.of(consent)))
                .json()
                .get("id")
                .asString();
        assertThat(api.post("/api/v1/contacts/" + erased + "/erasure", json()).status())
                .isEqualTo(200);

        var unknown = UUID.randomUUID();
        assertThat(api.post("/api/v1/contacts/" + unknown + "/consents", consent)
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/contacts/" + erased + "/consents", consent).status())
                .isEqualTo(404);
        assertThat(other.post("/api/v1/contacts/" + contact + "/consents", consent)
                        .status())
                .isEqualTo(404);
        assertThat(ledgerEntries(unknown)).isZero();
        assertThat(ledgerEntries(UUID.fromString(erased))).isZero();
        assertThat(ledgerEntries(UUID.fromString(contact))).isZero();
    }

    @Test
    void erasing_a_contact_removes_its_ledger_and_keeps_the_emptied_contact_that_entries_could_refer_to() {
        var api = new HttpApi(port, tenants.create("Erasure").apiKey());
        var id = UUID.fromString(api.post(
                        "/api/v1/contacts",
                        json(
                                "email",
                                "forget.me@example.com",
                                "consents",
                                List.of(json(
                                        "channel", "EMAIL",
                                        "purpose", "marketing",
                                        "status", "GRANTED",
                                        "method", "API",
                                        "evidence", json("text", "Yes")))))
                .json()
                .get("id")
                .asString());
        assertThat(ledgerEntries(id)).isEqualTo(1);

        assertThat(api.post("/api/v1/contacts/" + id + "/erasure", json()).status())
                .isEqualTo(200);

        assertThat(ledgerEntries(id)).isZero();
        var kept = TenantScope.callAsPlatform(
                () -> jdbc.sql("SELECT email IS NULL AND erased_at IS NOT NULL FROM contact WHERE id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single());
        assertThat(kept).isTrue();
    }
}
