-- NOT A MIGRATION. What the consent module could migrate (as a V3_x) to take the last per-row foreign-key checks
-- out of contact imports; the benchmark applies it to its throwaway database with CONSENT_PROPOSAL=1 to measure it.
--
-- consent_record has two foreign keys, to tenant (id) and to contact (tenant_id, id); each runs one query per inserted
-- row (a million of each per 1 M-row import). The same guarantee, set-based:
--   * a statement that inserts ledger entries checks once that their contacts exist (the contact's tenant exists
--     then too: contact rows are checked against tenant, V2_3);
--   * the referenced rows stay: contacts are never deleted nor renumbered and a tenant with contacts stays (V2_3);
--     ledger entries are never updated (consent_record_append_only), so they cannot be pointed elsewhere.
ALTER TABLE consent_record DROP CONSTRAINT consent_record_tenant_id_fkey;
ALTER TABLE consent_record DROP CONSTRAINT consent_record_tenant_id_contact_id_fkey;

CREATE FUNCTION consent_record_contact_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unknown_contact boolean;
BEGIN
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM inserted n WHERE NOT EXISTS
                 (SELECT 1 FROM contact c WHERE c.tenant_id = n.tenant_id AND c.id = n.contact_id))'
        INTO STRICT unknown_contact;
    IF unknown_contact THEN
        RAISE EXCEPTION 'consent of an unknown contact' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER consent_record_contact_exists AFTER INSERT ON consent_record REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION consent_record_contact_exists();
