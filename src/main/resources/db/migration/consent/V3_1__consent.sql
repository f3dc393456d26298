-- The consent ledger: append-only, one row per grant or withdrawal with its method and evidence.
-- The current state of (contact, channel, purpose) is its latest row (highest seq).
CREATE TABLE consent_record (
    tenant_id          uuid NOT NULL REFERENCES tenant (id),
    contact_id         uuid NOT NULL,
    seq                bigint GENERATED ALWAYS AS IDENTITY,
    id                 uuid NOT NULL,
    channel            text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PUSH')),
    purpose            text NOT NULL,
    status             text NOT NULL CHECK (status IN ('GRANTED', 'WITHDRAWN')),
    method             text NOT NULL CHECK (method IN ('WEB_FORM', 'DOUBLE_OPT_IN', 'IMPORT', 'API', 'SMS_KEYWORD',
                                                       'POINT_OF_SALE', 'PREFERENCE_PAGE', 'ONE_CLICK')),
    evidence_text      text NOT NULL,
    text_version       text,
    source_url         text,
    ip                 text,
    user_agent         text,
    collected_at       timestamptz NOT NULL,
    confirmed_at       timestamptz,
    source_description text,
    import_id          uuid,
    import_file_sha256 text,
    import_row         bigint,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, contact_id, seq),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contact (tenant_id, id)
);
CREATE INDEX consent_record_by_import ON consent_record (tenant_id, import_id) WHERE import_id IS NOT NULL;
ALTER TABLE consent_record ENABLE ROW LEVEL SECURITY;
ALTER TABLE consent_record FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON consent_record
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- Append-only: no update ever; a delete only for an erasure, which sets clipcast.erasure for its transaction.
CREATE FUNCTION consent_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('clipcast.erasure', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'consent_record is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER consent_record_append_only BEFORE UPDATE OR DELETE ON consent_record
    FOR EACH ROW EXECUTE FUNCTION consent_record_append_only();

-- Suppression of one tenant: keyed by channel and the keyed hash of the normalised address, never the address.
CREATE TABLE suppression (
    tenant_id    uuid NOT NULL REFERENCES tenant (id),
    channel      text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PUSH')),
    address_hash bytea NOT NULL,
    reason       text NOT NULL,
    country      text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, channel, address_hash)
);
ALTER TABLE suppression ENABLE ROW LEVEL SECURITY;
ALTER TABLE suppression FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON suppression
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- Platform-wide suppression (complaints, erasures): every tenant reads it, nobody learns the address from it.
CREATE TABLE platform_suppression (
    channel      text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PUSH')),
    address_hash bytea NOT NULL,
    reason       text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, address_hash)
);

-- Secrets shared by every node (token signing, address hashing), made once by whichever node comes first.
CREATE TABLE platform_secret (
    name   text PRIMARY KEY,
    secret bytea NOT NULL
);

-- Which tenant an inbound SMS to a number belongs to, and what HELP answers there.
CREATE TABLE sms_number (
    number          text PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenant (id),
    brand           text NOT NULL,
    frequency       text NOT NULL,
    support_contact text NOT NULL
);
