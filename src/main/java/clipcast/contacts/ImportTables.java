package clipcast.contacts;

import java.util.List;
import java.util.UUID;

/**
 * The work tables of one lane of an import: the stage, the chunk each piece of the file is copied into, the merged
 * addresses and, when rows carry a second address and the import has several lanes, the claims on those addresses.
 *
 * <p>The first lane (and an import with one lane) uses temporary tables, dropped at commit. PostgreSQL refuses to
 * prepare a transaction that touched a temporary table, so every other lane, whose transaction is prepared and then
 * committed with the first one's ({@link ImportLane}), uses unlogged tables of its own instead, created and dropped
 * in its transaction: no other transaction ever sees them.
 */
record ImportTables(String stage, String chunk, String merge, String claims, String rules, boolean temporary) {

    /** The first lane's tables, under the names the SQL of {@link ImportMerge} is written with. */
    static final ImportTables TEMPORARY =
            new ImportTables("import_stage", "import_chunk", "import_merge", "import_claims", "import_rules", true);

    private static final String STAGE_COLUMNS = """
            (row_number bigint NOT NULL, contact_id uuid, consent_id uuid, repeated boolean NOT NULL,
             streamed boolean NOT NULL, email text, phone text, first_name text, last_name text, country text,
             language text, time_zone text, time_zone_source text, birth_date date, attributes jsonb, lists text,
             error_field text, error_code text)""";

    /** The tables of lane {@code lane} (from 1) of an import, unique to it within the database. */
    static ImportTables ofLane(UUID importId, int lane) {
        var prefix = "import_lane_" + importId.toString().replace("-", "") + "_" + lane + "_";
        return new ImportTables(
                prefix + "stage", prefix + "chunk", prefix + "merge", prefix + "claims", prefix + "rules", false);
    }

    /** Creates the stage and the chunk table. */
    List<String> create() {
        return List.of(createTable(stage, STAGE_COLUMNS), createTable(chunk, "(LIKE " + stage + ")"));
    }

    /** Creates the table {@code name} with the columns given in parentheses, or from {@code AS query}. */
    String createTable(String name, String definition) {
        return temporary
                ? "CREATE TEMP TABLE " + name + " " + onCommitDrop(definition)
                : "CREATE UNLOGGED TABLE " + name + " " + definition;
    }

    /** Drops what this lane created; temporary tables go at commit by themselves. */
    List<String> drop() {
        return temporary
                ? List.of()
                : List.of("DROP TABLE IF EXISTS " + String.join(", ", stage, chunk, merge, claims, rules));
    }

    /** The statement {@code sql}, written with the first lane's names, on this lane's tables. */
    String on(String sql) {
        if (temporary) {
            return sql;
        }
        return sql.replace(TEMPORARY.stage, stage)
                .replace(TEMPORARY.chunk, chunk)
                .replace(TEMPORARY.merge, merge)
                .replace(TEMPORARY.claims, claims)
                .replace(TEMPORARY.rules, rules);
    }

    private static String onCommitDrop(String definition) {
        // CREATE TEMP TABLE t (...) ON COMMIT DROP, but CREATE TEMP TABLE t ON COMMIT DROP AS query.
        return definition.startsWith("AS ") ? "ON COMMIT DROP " + definition : definition + " ON COMMIT DROP";
    }
}
