-- The references of contact and contact_list are checked once per statement, set-based, instead of by foreign keys.
-- A foreign key runs one query per inserted row (about 5 µs each); an import inserts a million rows per statement
-- and spent more time in those checks than in the inserts (docs/PERFORMANCE.md, contact import). The guarantee
-- stays whole because both sides are covered:
--   * inserting: every statement that inserts contacts checks that their tenants exist, every statement that
--     inserts list entries checks that their contacts exist (one anti-join over the statement's new rows);
--   * the referenced side: a contact is never deleted (erasure empties the row and keeps it, so that the consent
--     ledger's references stay whole too), never changes tenant or id; a tenant that has contacts is neither
--     deleted nor renumbered. Triggers refuse all of these, so a row that existed when a reference to it was
--     checked still exists when that reference commits, whatever runs concurrently, and no lock is needed.
ALTER TABLE contact DROP CONSTRAINT contact_tenant_id_fkey;
ALTER TABLE contact_list DROP CONSTRAINT contact_list_tenant_id_contact_id_fkey;

-- The checks run as dynamic SQL so that each is planned for the size of its statement (one row from the API, a
-- million from an import), not once per session for whichever came first.
CREATE FUNCTION contact_tenant_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unknown_tenant boolean;
BEGIN
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT tenant_id FROM inserted) n
                            WHERE NOT EXISTS (SELECT 1 FROM tenant t WHERE t.id = n.tenant_id))'
        INTO STRICT unknown_tenant;
    IF unknown_tenant THEN
        RAISE EXCEPTION 'contact of an unknown tenant' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER contact_tenant_exists AFTER INSERT ON contact REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION contact_tenant_exists();

CREATE FUNCTION contact_list_contact_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unknown_contact boolean;
BEGIN
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM inserted n WHERE NOT EXISTS
                 (SELECT 1 FROM contact c WHERE c.tenant_id = n.tenant_id AND c.id = n.contact_id))'
        INTO STRICT unknown_contact;
    IF unknown_contact THEN
        RAISE EXCEPTION 'list entry of an unknown contact' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER contact_list_contact_exists AFTER INSERT ON contact_list REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION contact_list_contact_exists();

CREATE FUNCTION reference_key_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% may not change the tenant or the row it refers to', TG_TABLE_NAME
        USING ERRCODE = 'foreign_key_violation';
END
$$;
CREATE TRIGGER contact_key_unchanged BEFORE UPDATE OF tenant_id, id ON contact FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION reference_key_unchanged();
CREATE TRIGGER contact_list_key_unchanged BEFORE UPDATE OF tenant_id, contact_id ON contact_list FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.contact_id IS DISTINCT FROM NEW.contact_id)
    EXECUTE FUNCTION reference_key_unchanged();

CREATE FUNCTION contact_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'contacts are erased (ContactRepository.erase), never deleted'
        USING ERRCODE = 'foreign_key_violation';
END
$$;
CREATE TRIGGER contact_never_deleted BEFORE DELETE OR TRUNCATE ON contact FOR EACH STATEMENT
    EXECUTE FUNCTION contact_never_deleted();

-- A tenant with contacts stays. The check must see every tenant's contacts, whatever the scope of the session that
-- deletes: it looks in the platform scope and then puts the session's scope back.
CREATE FUNCTION tenant_keeps_its_contacts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    scope constant text := coalesce(current_setting('clipcast.scope', true), '');
    has_contacts boolean;
BEGIN
    PERFORM set_config('clipcast.scope', 'platform', true);
    IF TG_OP = 'TRUNCATE' THEN
        has_contacts := EXISTS (SELECT 1 FROM contact);
    ELSE
        has_contacts := EXISTS (SELECT 1 FROM contact WHERE tenant_id = OLD.id);
    END IF;
    PERFORM set_config('clipcast.scope', scope, true);
    IF has_contacts THEN
        RAISE EXCEPTION 'a tenant with contacts stays' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD WHEN 'UPDATE' THEN NEW END;
END
$$;
CREATE TRIGGER tenant_keeps_its_contacts BEFORE DELETE ON tenant FOR EACH ROW
    EXECUTE FUNCTION tenant_keeps_its_contacts();
CREATE TRIGGER tenant_id_keeps_its_contacts BEFORE UPDATE OF id ON tenant FOR EACH ROW
    WHEN (OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION tenant_keeps_its_contacts();
CREATE TRIGGER tenant_truncate_keeps_contacts BEFORE TRUNCATE ON tenant FOR EACH STATEMENT
    EXECUTE FUNCTION tenant_keeps_its_contacts();
