package clipcast.database;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schema stays distributable by tenant: every table with a {@code tenant_id} has it leading its primary key
 * and every unique index, and is guarded by row-level security; every other table is a known platform table.
 */
@ClipcastTest
class SchemaConventionsTest {

    /** Tables shared by the whole platform (Citus reference tables), and the tools' own bookkeeping. */
    static final Set<String> PLATFORM_TABLES = Set.of(
            "rate_bucket",
            "plan",
            "tenant",
            "app_user",
            "flyway_schema_history",
            "event_publication",
            "event_publication_archive",
            "platform_suppression",
            "platform_secret",
            "sms_number");

    @Autowired
    JdbcClient jdbc;

    @Test
    void every_table_is_tenant_owned_or_a_known_platform_table() {
        var unowned = jdbc.sql("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                          AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                                          WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)""").query(String.class).list();

        assertThat(unowned).allMatch(PLATFORM_TABLES::contains, "is a platform table");
    }

    @Test
    void tenant_id_leads_every_primary_key_and_unique_index_of_tenant_tables() {
        var offending = jdbc.sql("""
                        SELECT t.relname || '.' || i.relname
                        FROM pg_index x
                        JOIN pg_class i ON i.oid = x.indexrelid
                        JOIN pg_class t ON t.oid = x.indrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace
                        WHERE n.nspname = 'public' AND (x.indisunique OR x.indisprimary)
                          AND t.relname <> ALL (?)
                          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'tenant_id')
                          AND (SELECT a.attname FROM pg_attribute a
                               WHERE a.attrelid = t.oid AND a.attnum = x.indkey[0]) IS DISTINCT FROM 'tenant_id'""")
                .param(PLATFORM_TABLES.toArray(String[]::new))
                .query(String.class)
                .list();

        assertThat(offending).isEmpty();
    }

    @Test
    void every_tenant_table_has_forced_row_level_security_with_the_tenant_policy() {
        List<String> unguarded = jdbc.sql("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                          AND c.relname <> ALL (?)
                          AND (NOT c.relrowsecurity OR NOT c.relforcerowsecurity
                               OR NOT EXISTS (SELECT 1 FROM pg_policy p
                                              WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation'))""")
                .param(PLATFORM_TABLES.toArray(String[]::new))
                .query(String.class)
                .list();

        assertThat(unguarded).isEmpty();
    }

    @Test
    void every_tenant_policy_reads_the_scope_once_per_statement_not_once_per_row() {
        var perRow = jdbc.sql("""
                        SELECT tablename FROM pg_policies
                        WHERE policyname = 'tenant_isolation'
                          AND (qual NOT LIKE '%SELECT%' OR with_check NOT LIKE '%SELECT%'
                               OR qual LIKE '%clipcast_tenant_visible%' OR with_check LIKE '%clipcast_tenant_visible%')""").query(String.class).list();

        assertThat(perRow).isEmpty();
    }

    @Test
    void the_application_connects_as_a_role_that_row_level_security_applies_to() {
        var bypasses = jdbc.sql("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                .query(Boolean.class)
                .single();

        assertThat(bypasses).isFalse();
    }
}
