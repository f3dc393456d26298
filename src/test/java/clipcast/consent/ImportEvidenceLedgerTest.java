package clipcast.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clipcast.support.ClipcastTest;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An import's ledger entries keep the evidence they share (text, source, file hash) once, in
 * {@code consent_import_evidence} (V3_3); every reader still sees each entry with its full evidence, an entry can
 * never lose it, and these tests fail if the check or the view is missing.
 */
@ClipcastTest
class ImportEvidenceLedgerTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    Consents consents;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    static ImportEvidence evidenceOf(UUID importId) {
        return new ImportEvidence(
                importId,
                "ab".repeat(32),
                Channel.EMAIL,
                "marketing",
                ConsentMethod.IMPORT,
                "Yes, send me the weekly coupons",
                "Till sign-up sheets (collected by POINT_OF_SALE)",
                Instant.parse("2026-02-01T10:00:00Z"));
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

    /** Records one entry per contact, in two statements as an import does chunk by chunk. */
    void importConsents(TenantId tenant, ImportEvidence evidence, UUID first, UUID second) {
        TenantScope.run(
                tenant,
                () -> transactions.executeWithoutResult(status -> {
                    jdbc.sql("""
                    CREATE TEMP TABLE test_chunk (row_number bigint, contact_id uuid, consent_id uuid,
                        error_field text, error_code text, created boolean) ON COMMIT DROP""").update();
                    jdbc.sql("INSERT INTO test_chunk VALUES (2, ?, ?, NULL, NULL, true)")
                            .params(first, UUID.randomUUID())
                            .update();
                    consents.recordImportedForNewContacts(evidence, "test_chunk", "created");
                    jdbc.sql("TRUNCATE test_chunk").update();
                    jdbc.sql("INSERT INTO test_chunk VALUES (3, ?, ?, NULL, NULL, true)")
                            .params(second, UUID.randomUUID())
                            .update();
                    consents.recordImportedForNewContacts(evidence, "test_chunk", "created");
                }));
    }

    @Test
    void every_entry_of_an_import_shows_the_imports_full_evidence_to_every_reader() {
        var tenant = tenants.create("Evidence").tenant().id();
        var first = contactOf(tenant, "first@example.com");
        var second = contactOf(tenant, "second@example.com");
        var evidence = evidenceOf(UUID.randomUUID());

        importConsents(tenant, evidence, first, second);

        TenantScope.run(tenant, () -> {
            var ofImport = consents.historyOfImport(evidence.importId());
            assertThat(ofImport).hasSize(2);
            assertThat(ofImport).extracting(ConsentEntry::importRow).containsExactly(2L, 3L);
            for (var entry : ofImport) {
                assertThat(entry.evidence().text()).isEqualTo("Yes, send me the weekly coupons");
                assertThat(entry.evidence().sourceUrl()).isEqualTo("Till sign-up sheets (collected by POINT_OF_SALE)");
                assertThat(entry.evidence().collectedAt()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z"));
                assertThat(entry.importFileSha256()).isEqualTo("ab".repeat(32));
                assertThat(entry.importId()).isEqualTo(evidence.importId());
            }
            assertThat(consents.history(second)).singleElement().satisfies(entry -> {
                assertThat(entry.evidence().text()).isEqualTo("Yes, send me the weekly coupons");
                assertThat(entry.importFileSha256()).isEqualTo("ab".repeat(32));
            });
            assertThat(consents.currentGrants(Channel.EMAIL, "marketing", java.util.List.of(first)))
                    .extractingByKey(first)
                    .satisfies(entry -> assertThat(entry.evidence().sourceUrl()).startsWith("Till sign-up sheets"));
        });
        var kept = TenantScope.callAsPlatform(() -> jdbc.sql("""
                        SELECT count(*) FROM consent_import_evidence WHERE tenant_id = ? AND import_id = ?""")
                .params(tenant.value(), evidence.importId())
                .query(Long.class)
                .single());
        assertThat(kept).as("the shared evidence is kept once").isEqualTo(1);
    }

    @Test
    void an_imports_entry_without_evidence_of_its_own_is_refused_when_its_import_has_none() {
        var tenant = tenants.create("No evidence").tenant().id();
        var contact = contactOf(tenant, "bare@example.com");

        assertThatThrownBy(() -> TenantScope.run(
                        tenant,
                        () -> jdbc.sql("""
                                INSERT INTO consent_record (tenant_id, contact_id, id, channel, purpose, status, method,
                                    collected_at, import_id, import_row)
                                VALUES (?, ?, ?, 'EMAIL', 'marketing', 'GRANTED', 'IMPORT', now(), ?, 2)""")
                                .params(tenant.value(), contact, UUID.randomUUID(), UUID.randomUUID())
                                .update()))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("without its evidence");
        assertThatThrownBy(() -> TenantScope.run(
                        tenant,
                        () -> jdbc.sql("""
                                INSERT INTO consent_record (tenant_id, contact_id, id, channel, purpose, status, method,
                                    collected_at)
                                VALUES (?, ?, ?, 'EMAIL', 'marketing', 'GRANTED', 'API', now())""")
                                .params(tenant.value(), contact, UUID.randomUUID())
                                .update()))
                .as("an entry that is not an import's has evidence of its own")
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void an_imports_evidence_is_never_changed_nor_deleted_and_outlives_the_erasure_of_one_of_its_contacts() {
        var tenant = tenants.create("Kept evidence").tenant().id();
        var erased = contactOf(tenant, "erased@example.com");
        var kept = contactOf(tenant, "kept@example.com");
        var evidence = evidenceOf(UUID.randomUUID());
        importConsents(tenant, evidence, erased, kept);

        for (var change : Map.of(
                        "UPDATE consent_import_evidence SET evidence_text = 'Something else' WHERE import_id = ?",
                        "changed",
                        "DELETE FROM consent_import_evidence WHERE import_id = ?",
                        "deleted")
                .keySet()) {
            assertThatThrownBy(() -> TenantScope.callAsPlatform(
                            () -> jdbc.sql(change).param(evidence.importId()).update()))
                    .as(change)
                    .isInstanceOf(DataAccessException.class)
                    .hasStackTraceContaining("consent_import_evidence is append-only");
        }
        assertThatThrownBy(() -> TenantScope.callAsPlatform(
                        () -> jdbc.sql("TRUNCATE consent_import_evidence").update()))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("consent_import_evidence is append-only");

        TenantScope.run(tenant, () -> consents.erase(erased, Map.of(Channel.EMAIL, "erased@example.com")));

        TenantScope.run(tenant, () -> {
            assertThat(consents.history(erased)).isEmpty();
            assertThat(consents.historyOfImport(evidence.importId()))
                    .singleElement()
                    .satisfies(entry -> {
                        assertThat(entry.contactId()).isEqualTo(kept);
                        assertThat(entry.evidence().text()).isEqualTo("Yes, send me the weekly coupons");
                        assertThat(entry.importFileSha256()).isEqualTo("ab".repeat(32));
                    });
        });
    }

    @Test
    void another_tenant_sees_neither_the_entries_nor_the_evidence_of_an_import() {
        var owner = tenants.create("Evidence owner").tenant().id();
        var other = tenants.create("Evidence other").tenant().id();
        var evidence = evidenceOf(UUID.randomUUID());
        importConsents(owner, evidence, contactOf(owner, "one@example.com"), contactOf(owner, "two@example.com"));

        TenantScope.run(other, () -> {
            assertThat(consents.historyOfImport(evidence.importId())).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM consent_import_evidence")
                            .query(Long.class)
                            .single())
                    .isZero();
        });
    }
}
