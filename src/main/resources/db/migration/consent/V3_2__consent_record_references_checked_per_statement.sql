-- The references of consent_record are checked once per statement, set-based, instead of by its two foreign keys
-- (to tenant, and to contact of the same tenant). Each foreign key ran one query per inserted row, which also locked
-- the referenced contact; an import appends a million ledger entries in one statement and spent 12.5 s in those
-- checks alone (docs/PERFORMANCE.md, contact import). The guarantee stays whole, as for contact and contact_list
-- (V2_3):
--   * inserting: every statement that inserts ledger entries checks that each one's contact exists in the entry's
--     tenant (one anti-join over the statement's new rows); that contact's tenant exists, since contacts are
--     checked against tenant (V2_3);
--   * the referenced side: a contact is never deleted (erasure empties the row and keeps it), never changes tenant
--     or id, and a tenant that has contacts stays (V2_3 refuses all of these); a ledger entry is never updated
--     (consent_record_append_only), so it cannot be pointed elsewhere after its check. A row that existed when an
--     entry was checked therefore still exists when the entry commits, and no row lock is needed; a contact that
--     another transaction has not committed is invisible to the check, which refuses the entry.
-- The check sees contacts under the session's row-level security, the same visibility that lets it insert the entry
-- at all (consent_record and contact share the tenant policy), so a session can never reference another tenant's
-- contact: the contact must be of the entry's own tenant.
ALTER TABLE consent_record DROP CONSTRAINT consent_record_tenant_id_fkey;
ALTER TABLE consent_record DROP CONSTRAINT consent_record_tenant_id_contact_id_fkey;

-- For each tenant of the statement, its distinct contact ids are looked up in one scan of the contact index
-- (= ANY of an array: PostgreSQL sorts the array and walks the index once, skipping from key to key) and must all be
-- found; an import's chunk of 20,000 entries is checked in half the time that one index probe per entry takes.
-- Dynamic SQL, so that the check is planned for the size of its statement (one entry from the API, 20,000 from an
-- import), not once per session for whichever came first.
CREATE FUNCTION consent_record_contact_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unknown_contact boolean;
BEGIN
    EXECUTE 'SELECT EXISTS (
                 SELECT 1 FROM (SELECT tenant_id, count(*) AS ids, array_agg(contact_id) AS contact_ids
                                FROM (SELECT DISTINCT tenant_id, contact_id FROM inserted) distinct_ids
                                GROUP BY tenant_id) referenced
                 WHERE referenced.ids <> (SELECT count(*) FROM contact c WHERE c.tenant_id = referenced.tenant_id
                                                                          AND c.id = ANY (referenced.contact_ids)))'
        INTO STRICT unknown_contact;
    IF unknown_contact THEN
        RAISE EXCEPTION 'consent of an unknown contact' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER consent_record_contact_exists AFTER INSERT ON consent_record REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION consent_record_contact_exists();
