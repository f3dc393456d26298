-- The evidence that every ledger entry of one import shares (the consent text, the source and the file's hash) is
-- kept once, in consent_import_evidence, instead of being repeated in each of its entries: about 150 bytes a row,
-- half of consent_record's width, written to the heap and the WAL a million times by an import of a million rows
-- (docs/PERFORMANCE.md, contact import). Nothing is lost to a reader: consent_entry shows every entry with its full
-- evidence, whichever table holds it, and every reader of evidence reads that view.
--
-- An entry without its own evidence_text takes its evidence from its import's row. The guarantee that the row is
-- there is the one a foreign key gives, checked once per statement (an import appends 20,000 entries a statement;
-- a per-row foreign key costs a query per entry):
--   * inserting: every statement that appends entries without evidence of their own checks that each one's
--     (tenant_id, import_id) has its evidence row (one anti-join over the statement's distinct imports);
--   * the referenced side: evidence rows are never updated, deleted or truncated (consent_import_evidence_append_only),
--     and ledger entries are never updated (consent_record_append_only), so an entry cannot lose its evidence after
--     its check; an evidence row another transaction has not committed is invisible to the check, which refuses.
-- Evidence rows carry no personal data (the merchant's consent text and source description, a file hash), so an
-- erasure, which deletes a contact's entries, leaves them.
CREATE TABLE consent_import_evidence (
    tenant_id          uuid NOT NULL REFERENCES tenant (id),
    import_id          uuid NOT NULL,
    evidence_text      text NOT NULL,
    source_description text NOT NULL,
    import_file_sha256 text NOT NULL,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, import_id)
);
ALTER TABLE consent_import_evidence ENABLE ROW LEVEL SECURITY;
ALTER TABLE consent_import_evidence FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON consent_import_evidence
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

CREATE FUNCTION consent_import_evidence_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'consent_import_evidence is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER consent_import_evidence_append_only BEFORE UPDATE OR DELETE ON consent_import_evidence
    FOR EACH ROW EXECUTE FUNCTION consent_import_evidence_append_only();
CREATE TRIGGER consent_import_evidence_not_truncated BEFORE TRUNCATE ON consent_import_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION consent_import_evidence_append_only();

-- An entry has evidence of its own, or is an import's entry that takes it from the import's evidence row.
ALTER TABLE consent_record ALTER COLUMN evidence_text DROP NOT NULL;
ALTER TABLE consent_record ADD CONSTRAINT consent_record_has_evidence
    CHECK (evidence_text IS NOT NULL OR (import_id IS NOT NULL AND source_description IS NULL
                                         AND import_file_sha256 IS NULL));

CREATE FUNCTION consent_record_import_evidence_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT tenant_id, import_id FROM inserted WHERE evidence_text IS NULL) r
               WHERE NOT EXISTS (SELECT 1 FROM consent_import_evidence e
                                 WHERE e.tenant_id = r.tenant_id AND e.import_id = r.import_id)) THEN
        RAISE EXCEPTION 'consent of an import without its evidence' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER consent_record_import_evidence_exists AFTER INSERT ON consent_record
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION consent_record_import_evidence_exists();

-- Every ledger entry with its full evidence. security_invoker: the reader's row-level security applies to both
-- tables, as if it read them itself. The join finds at most one row (the primary key), so a query that reads no
-- evidence column does not join at all.
CREATE VIEW consent_entry WITH (security_invoker = true) AS
SELECT r.tenant_id, r.contact_id, r.seq, r.id, r.channel, r.purpose, r.status, r.method,
       coalesce(r.evidence_text, e.evidence_text) AS evidence_text, r.text_version, r.source_url,
       coalesce(r.source_description, e.source_description) AS source_description, r.ip, r.user_agent,
       r.collected_at, r.confirmed_at, r.import_id,
       coalesce(r.import_file_sha256, e.import_file_sha256) AS import_file_sha256, r.import_row, r.recorded_at
FROM consent_record r
LEFT JOIN consent_import_evidence e
       ON r.evidence_text IS NULL AND e.tenant_id = r.tenant_id AND e.import_id = r.import_id;
