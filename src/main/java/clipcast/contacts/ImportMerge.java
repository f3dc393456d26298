package clipcast.contacts;

import clipcast.consent.Channel;
import clipcast.tenancy.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes the staged rows of an import into the contacts and their lists, set-based, in the import's transaction.
 *
 * <p>Most rows are new addresses that the file names once: they are inserted as they were staged, with the contact
 * id the JVM gave them, in plain inserts (an {@code ON CONFLICT} clause alone costs more than the insert) — while the
 * file is still being read when the tenant had no contacts yet ({@link #writeStreamedRows}), else after. The others are
 * merged at the end: the addresses that may repeat in the file ({@link SeenKeys}) and those a contact of the tenant
 * holds already. Their rows become one contact per address (the last row's values win, absent values keep what the
 * contact had before the import), through {@code INSERT … ON CONFLICT DO UPDATE}, which also absorbs a contact that a
 * concurrent transaction adds meanwhile; a contact whose first row was inserted early is set to the same values. A
 * new address that another transaction commits between the check and the plain insert makes the insert fail on the
 * unique index; {@link Imports} then runs the import again.
 *
 * <p>A second address (a phone number in an email import) that another contact holds, or that an earlier row of
 * the file gave to another address, rejects its row with {@code TAKEN}.
 */
final class ImportMerge {

    private final JdbcClient jdbc;
    private final TenantId tenant;
    private final String key;
    private final String other;
    private final ImportTables tables;

    /** Merges a lane's rows, in the lane's transaction, through its tables. */
    ImportMerge(JdbcClient jdbc, TenantId tenant, Channel channel, ImportTables tables) {
        this.jdbc = jdbc;
        this.tenant = tenant;
        this.key = channel == Channel.EMAIL ? "email" : "phone";
        this.other = channel == Channel.EMAIL ? "phone" : "email";
        this.tables = tables;
    }

    ImportTables tables() {
        return tables;
    }

    /**
     * Reports the stage's rejected rows (while reading, for suppression, for a taken address or for a withdrawn
     * consent) as the import's errors.
     *
     * @return how many
     */
    long reportRejected(UUID importId) {
        return sql("""
                        INSERT INTO contact_import_error (tenant_id, import_id, row_number, field, code, message)
                        SELECT ?, ?, row_number, error_field, error_code, error_code
                        FROM import_stage WHERE error_code IS NOT NULL""").params(tenant.value(), importId).update();
    }

    private JdbcClient.StatementSpec sql(String sql) {
        return jdbc.sql(tables.on(sql));
    }

    /** Creates the lane's stage and chunk table. */
    void createTables() {
        tables.create().forEach(table -> jdbc.sql(table).update());
    }

    /** Drops the lane's tables (before its transaction is prepared: nothing of them may outlive it). */
    void dropTables() {
        tables.drop().forEach(table -> jdbc.sql(table).update());
    }

    /**
     * The rows of the chunk just copied that are marked {@code streamed} become contacts and list entries at once,
     * while the next chunk is being read.
     */
    void writeStreamedRows() {
        insertNewContacts(tables.chunk(), "s.streamed");
        insertNewLists(tables.chunk(), "s.streamed");
    }

    /**
     * Moves the chunk's rows that are still to be written, or reported, into the stage. Streamed rows are done:
     * their contacts, lists and consents are written, and the contact row holds all that a merge needs of them
     * (see {@link #collectMergedContacts}), so they are not copied a second time.
     */
    void moveChunkToStage() {
        sql("INSERT INTO import_stage SELECT * FROM import_chunk WHERE NOT streamed")
                .update();
        sql("TRUNCATE import_chunk").update();
    }

    boolean tenantHasContacts() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM contact WHERE tenant_id = ?)")
                .param(tenant.value())
                .query(Boolean.class)
                .single();
    }

    /**
     * Writes the staged rows not written yet; afterwards every good row of the stage names its contact in
     * {@code contact_id}, unless that contact was streamed (its consent is recorded already): then none. Rows with
     * a taken second address must have been rejected before.
     *
     * @param known whether the tenant had contacts when the import began
     */
    void run(ImportStage.Totals staged, boolean known, ImportTimings timings) {
        boolean merging = staged.repeated() > 0 || known;
        var unwritten = "NOT s.streamed"
                + (merging
                        ? " AND NOT EXISTS (SELECT 1 FROM import_merge m WHERE m.%1$s = s.%1$s)".formatted(key)
                        : "");
        if (merging) {
            sql("ANALYZE import_stage").update();
            collectMergedContacts(known);
            mergeContacts(known);
            timings.lap("merged contacts");
        }
        if (staged.unwritten()) {
            insertNewContacts(tables.stage(), tables.on(unwritten));
            timings.lap("new contacts");
            insertNewLists(tables.stage(), tables.on(unwritten));
            timings.lap("their lists");
        }
        if (merging) {
            insertMergedLists();
            pointStageAtMergedContacts();
            timings.lap("merged lists");
        }
    }

    /**
     * A row is {@code TAKEN} when a contact with another key holds its second address, or when an earlier good row
     * gave that address to another key. Per second address: the key of its earliest row owns it; a row of another
     * key is taken, and so is a row of the owner that comes after the first row of another key.
     */
    long rejectTakenAddresses() {
        return sql("""
                        WITH claim AS (
                            SELECT row_number, %1$s AS owner, %2$s AS address,
                                   first_value(%1$s) OVER (PARTITION BY %2$s ORDER BY row_number) AS first_owner
                            FROM import_stage WHERE error_code IS NULL AND %2$s IS NOT NULL),
                        rival AS (
                            SELECT address, min(row_number) AS first_row FROM claim WHERE owner <> first_owner
                            GROUP BY address),
                        taken AS (
                            SELECT claim.row_number FROM claim LEFT JOIN rival USING (address)
                            WHERE claim.owner <> claim.first_owner OR claim.row_number > rival.first_row
                               OR EXISTS (SELECT 1 FROM contact c WHERE c.tenant_id = ? AND c.%2$s = claim.address
                                                                  AND c.%1$s IS DISTINCT FROM claim.owner))
                        UPDATE import_stage s SET error_field = '%2$s', error_code = 'TAKEN'
                        FROM taken WHERE s.row_number = taken.row_number""".formatted(key, other)).param(tenant.value()).update();
    }

    /**
     * This lane's claims on second addresses, for an import of several lanes: per address and key, the first row
     * that gives the address to the key (COPY to the client, in PostgreSQL's binary format).
     */
    String claimsOut() {
        return tables.on("""
                COPY (SELECT %2$s, %1$s, min(row_number) FROM import_stage
                      WHERE error_code IS NULL AND %2$s IS NOT NULL GROUP BY 1, 2)
                TO STDOUT (FORMAT binary)""".formatted(key, other));
    }

    /**
     * The first lane gathers the claims of all lanes: its own now, the others' then with {@link #claimsIn} (from
     * what their {@link #claimsOut} gave).
     */
    void gatherOwnClaims() {
        jdbc.sql(tables.createTable(tables.claims(), "(address text, owner text, first_row bigint)"))
                .update();
        sql("""
                        INSERT INTO import_claims (address, owner, first_row)
                        SELECT %2$s, %1$s, min(row_number) FROM import_stage
                        WHERE error_code IS NULL AND %2$s IS NOT NULL GROUP BY 1, 2""".formatted(key, other)).update();
    }

    String claimsIn() {
        return tables.on("COPY import_claims (address, owner, first_row) FROM STDIN (FORMAT binary)");
    }

    /**
     * From every lane's claims, the rule of each address that more than one key claims: the key of its earliest
     * row owns it, and rows after the first row of another key lose it (as {@link #rejectTakenAddresses} decides
     * within one lane).
     */
    void decideClaims() {
        jdbc.sql(tables.createTable(tables.rules(), tables.on("""
                        AS SELECT address, first_owner, min(first_row) FILTER (WHERE owner <> first_owner) AS rival_first_row
                        FROM (SELECT address, owner, first_row,
                                     first_value(owner) OVER (PARTITION BY address ORDER BY first_row) AS first_owner
                              FROM import_claims) c
                        GROUP BY address, first_owner HAVING count(*) > 1"""))).update();
    }

    String rulesOut() {
        return tables.on("COPY import_rules (address, first_owner, rival_first_row) TO STDOUT (FORMAT binary)");
    }

    /** Another lane makes room for the rules the first lane decided, then loads them with {@link #rulesIn}. */
    void createRules() {
        jdbc.sql(tables.createTable(tables.rules(), "(address text, first_owner text, rival_first_row bigint)"))
                .update();
    }

    String rulesIn() {
        return tables.on("COPY import_rules (address, first_owner, rival_first_row) FROM STDIN (FORMAT binary)");
    }

    /**
     * {@link #rejectTakenAddresses} for a lane of an import of several lanes, by the rules of the addresses that
     * several keys claim across all lanes.
     */
    long rejectTakenAddressesByRules() {
        return sql("""
                        UPDATE import_stage s SET error_field = '%2$s', error_code = 'TAKEN'
                        WHERE s.error_code IS NULL AND s.%2$s IS NOT NULL
                          AND (EXISTS (SELECT 1 FROM import_rules r WHERE r.address = s.%2$s
                                       AND (r.first_owner <> s.%1$s OR s.row_number > r.rival_first_row))
                               OR EXISTS (SELECT 1 FROM contact c WHERE c.tenant_id = ? AND c.%2$s = s.%2$s
                                                                    AND c.%1$s IS DISTINCT FROM s.%1$s))""".formatted(key, other)).param(tenant.value()).update();
    }

    /**
     * One row per merged address in {@code import_merge}, with the values of its rows folded in file order and,
     * for now, the id of its first row (replaced by the contact's own id if it has one).
     *
     * <p>When the first row of an address was streamed, the stage does not have it: its contact, which this
     * transaction inserted from exactly that row's values and id, stands in for it, as row 0 (a streamed row is
     * always the first of its address: every later one is marked {@code repeated}). Such a contact is told from one
     * that another transaction committed meanwhile by its {@code xmin}: only this transaction's rows have its id.
     * Before the merge this transaction has inserted no contacts but streamed ones; when the tenant had contacts
     * before the import (known), nothing was streamed.
     *
     * <p>Only addresses with several rows need that fold; a known address the file names once is taken as its row
     * says (the second part of the union), which spares a file imported again a million one-row aggregates.
     */
    private void collectMergedContacts(boolean known) {
        jdbc.sql(tables.createTable(tables.merge(), tables.on("""
                        AS WITH merged_rows AS (
                            SELECT row_number, contact_id, streamed, email, phone, first_name, last_name, country,
                                   language, time_zone, time_zone_source, birth_date, attributes
                            FROM import_stage WHERE error_code IS NULL
                            UNION ALL
                            SELECT 0, c.id, true, c.email, c.phone, c.first_name, c.last_name, c.country,
                                   c.language, c.time_zone, c.time_zone_source, c.birth_date, c.attributes
                            FROM contact c
                            WHERE %12$s AND c.tenant_id = ? AND c.xmin = pg_current_xact_id()::xid
                              AND c.%1$s IN (SELECT %1$s FROM import_stage WHERE repeated AND error_code IS NULL))
                        SELECT s.%1$s,
                               (array_agg(s.contact_id ORDER BY s.row_number))[1] AS id,
                               bool_or(s.streamed) AS streamed,
                               %3$s AS %2$s,
                               %4$s AS first_name, %5$s AS last_name, %6$s AS country, %7$s AS language,
                               %8$s AS time_zone,
                               (array_agg(s.time_zone_source ORDER BY s.row_number DESC)
                                   FILTER (WHERE s.time_zone IS NOT NULL))[1] AS time_zone_source,
                               %9$s AS birth_date,
                               coalesce(%10$s, '{}') AS attributes
                        FROM merged_rows s
                        WHERE s.%1$s IN (SELECT %1$s FROM import_stage WHERE repeated AND error_code IS NULL)
                        GROUP BY s.%1$s
                        UNION ALL
                        SELECT s.%1$s, s.contact_id, s.streamed, s.%2$s, s.first_name, s.last_name, s.country,
                               s.language, s.time_zone,
                               CASE WHEN s.time_zone IS NOT NULL THEN s.time_zone_source END, s.birth_date,
                               coalesce(s.attributes, '{}')
                        FROM import_stage s
                        WHERE %11$s AND s.error_code IS NULL
                          AND s.%1$s NOT IN (SELECT %1$s FROM import_stage
                                             WHERE repeated AND error_code IS NULL AND %1$s IS NOT NULL)
                          AND EXISTS (SELECT 1 FROM contact c WHERE c.tenant_id = ? AND c.%1$s = s.%1$s)""".formatted(
                                key,
                                other,
                                last(other),
                                last("first_name"),
                                last("last_name"),
                                last("country"),
                                last("language"),
                                last("time_zone"),
                                last("birth_date"),
                                last("attributes"),
                                known,
                                !known))))
                .params(tenant.value(), tenant.value())
                .update();
    }

    private static String last(String column) {
        return "(array_agg(s.%1$s ORDER BY s.row_number DESC) FILTER (WHERE s.%1$s IS NOT NULL))[1]".formatted(column);
    }

    /** Inserts or updates the merged contacts, and keeps in {@code import_merge} the id each one has. */
    private void mergeContacts(boolean known) {
        sql("""
                        WITH streamed AS (
                            UPDATE contact c SET %2$s = m.%2$s, first_name = m.first_name, last_name = m.last_name,
                                country = m.country, language = m.language, time_zone = m.time_zone,
                                time_zone_source = m.time_zone_source, birth_date = m.birth_date,
                                attributes = m.attributes
                            FROM import_merge m WHERE m.streamed AND c.tenant_id = ? AND c.%1$s = m.%1$s
                            RETURNING c.id, c.%1$s)
                        UPDATE import_merge m SET id = streamed.id FROM streamed
                        WHERE m.%1$s = streamed.%1$s""".formatted(key, other)).param(tenant.value()).update();
        if (known) {
            // The contacts the tenant had already keep their ids: the upsert below leaves out of its RETURNING the
            // contacts it finds unchanged.
            sql("""
                            UPDATE import_merge m SET id = c.id FROM contact c
                            WHERE NOT m.streamed AND c.tenant_id = ? AND c.%1$s = m.%1$s AND m.id <> c.id""".formatted(key)).param(tenant.value()).update();
        }
        var updates = mergedValues();
        sql("""
                        WITH merged AS (
                            INSERT INTO contact AS c (tenant_id, id, email, phone, first_name, last_name, country,
                                language, time_zone, time_zone_source, birth_date, attributes)
                            SELECT ?, m.id, m.email, m.phone, m.first_name, m.last_name, m.country, m.language,
                                   m.time_zone, m.time_zone_source, m.birth_date, m.attributes
                            FROM import_merge m WHERE NOT m.streamed
                            ON CONFLICT (tenant_id, %1$s) WHERE %1$s IS NOT NULL DO UPDATE SET %2$s, updated_at = now()
                            WHERE c.id <> EXCLUDED.id OR (%3$s) IS DISTINCT FROM (%4$s)
                            RETURNING c.id, c.%1$s)
                        UPDATE import_merge m SET id = merged.id FROM merged
                        WHERE m.%1$s = merged.%1$s AND m.id <> merged.id""".formatted(
                                key,
                                String.join(
                                        ", ",
                                        updates.entrySet().stream()
                                                .map(update -> update.getKey() + " = " + update.getValue())
                                                .toList()),
                                String.join(
                                        ", ",
                                        updates.keySet().stream()
                                                .map(column -> "c." + column)
                                                .toList()),
                                String.join(", ", updates.values())))
                .param(tenant.value())
                .update();
    }

    /**
     * What a merged row makes of each column of the contact it meets: its own value where it has one (absent values
     * keep what the contact had; an explicit time zone is not replaced by one derived from a phone number), the
     * attributes added to the contact's. A contact whose values all stay as they are is not written at all: a file
     * imported again rewrites none of its million contacts.
     */
    private Map<String, String> mergedValues() {
        var explicitOrNotOverruling = "EXCLUDED.time_zone IS NOT NULL AND (EXCLUDED.time_zone_source = 'EXPLICIT'"
                + " OR c.time_zone_source IS DISTINCT FROM 'EXPLICIT')";
        var values = new LinkedHashMap<String, String>();
        for (var column : List.of(other, "first_name", "last_name", "country", "language")) {
            values.put(column, "coalesce(EXCLUDED.%1$s, c.%1$s)".formatted(column));
        }
        values.put(
                "time_zone", "CASE WHEN " + explicitOrNotOverruling + " THEN EXCLUDED.time_zone ELSE c.time_zone END");
        values.put(
                "time_zone_source",
                "CASE WHEN " + explicitOrNotOverruling + " THEN EXCLUDED.time_zone_source ELSE c.time_zone_source END");
        values.put("birth_date", "coalesce(EXCLUDED.birth_date, c.birth_date)");
        values.put("attributes", "c.attributes || EXCLUDED.attributes");
        return values;
    }

    /** Rows of addresses met once, new to the tenant: inserted as staged. */
    private void insertNewContacts(String table, String condition) {
        sql("""
                        INSERT INTO contact (tenant_id, id, email, phone, first_name, last_name, country, language,
                            time_zone, time_zone_source, birth_date, attributes)
                        SELECT ?, s.contact_id, s.email, s.phone, s.first_name, s.last_name, s.country, s.language,
                               s.time_zone, s.time_zone_source, s.birth_date, coalesce(s.attributes, '{}')
                        FROM %s s WHERE s.error_code IS NULL AND %s""".formatted(table, condition)).param(tenant.value()).update();
    }

    /** Their lists: a row's list names are distinct already, and their contacts are new, so nothing conflicts. */
    private void insertNewLists(String table, String condition) {
        sql("""
                        INSERT INTO contact_list (tenant_id, contact_id, list)
                        SELECT ?, s.contact_id, unnest(string_to_array(s.lists, chr(31)))
                        FROM %s s WHERE s.error_code IS NULL AND s.lists IS NOT NULL AND %s""".formatted(table, condition)).param(tenant.value()).update();
    }

    private void insertMergedLists() {
        sql("""
                        INSERT INTO contact_list (tenant_id, contact_id, list)
                        SELECT DISTINCT ?::uuid, m.id, unnest(string_to_array(s.lists, chr(31)))
                        FROM import_stage s JOIN import_merge m ON m.%1$s = s.%1$s
                        WHERE s.error_code IS NULL AND s.lists IS NOT NULL
                        ON CONFLICT DO NOTHING""".formatted(key)).param(tenant.value()).update();
    }

    /** A streamed contact's consent was recorded with its first row: its later rows lose their contact id. */
    private void pointStageAtMergedContacts() {
        sql("""
                        UPDATE import_stage s SET contact_id = CASE WHEN m.streamed THEN NULL ELSE m.id END
                        FROM import_merge m
                        WHERE m.%1$s = s.%1$s AND s.error_code IS NULL
                          AND s.contact_id IS DISTINCT FROM CASE WHEN m.streamed THEN NULL ELSE m.id END""".formatted(key)).update();
    }
}
