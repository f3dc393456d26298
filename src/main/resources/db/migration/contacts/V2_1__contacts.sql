-- Contacts: one row per person of a tenant, found by normalised email or E.164 phone.
CREATE TABLE contact (
    tenant_id        uuid NOT NULL REFERENCES tenant (id),
    id               uuid NOT NULL,
    email            text,
    phone            text,
    first_name       text,
    last_name        text,
    country          text,
    language         text,
    time_zone        text,
    time_zone_source text CHECK (time_zone_source IN ('EXPLICIT', 'PHONE')),
    birth_date       date,
    attributes       jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    erased_at        timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX contact_email ON contact (tenant_id, email) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX contact_phone ON contact (tenant_id, phone) WHERE phone IS NOT NULL;
ALTER TABLE contact ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON contact
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- Lists and tags a contact belongs to.
CREATE TABLE contact_list (
    tenant_id  uuid NOT NULL,
    contact_id uuid NOT NULL,
    list       text NOT NULL,
    PRIMARY KEY (tenant_id, contact_id, list),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contact (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_list_by_list ON contact_list (tenant_id, list);
ALTER TABLE contact_list ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_list FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON contact_list
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- Imports: the attestation, the file's hash, progress; any node may run a job it claims.
CREATE TABLE contact_import (
    tenant_id          uuid NOT NULL REFERENCES tenant (id),
    id                 uuid NOT NULL,
    status             text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    file_name          text NOT NULL,
    file_sha256        text NOT NULL,
    channel            text NOT NULL,
    purpose            text NOT NULL,
    consent_method     text NOT NULL,
    consent_text       text NOT NULL,
    source_description text NOT NULL,
    collected_at       timestamptz NOT NULL,
    not_purchased      boolean NOT NULL CHECK (not_purchased),
    rows_total         bigint NOT NULL DEFAULT 0,
    rows_imported      bigint NOT NULL DEFAULT 0,
    rows_rejected      bigint NOT NULL DEFAULT 0,
    failure            text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    finished_at        timestamptz,
    PRIMARY KEY (tenant_id, id)
);
ALTER TABLE contact_import ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_import FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON contact_import
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

CREATE TABLE contact_import_error (
    tenant_id  uuid NOT NULL,
    import_id  uuid NOT NULL,
    row_number bigint NOT NULL,
    field      text NOT NULL,
    code       text NOT NULL,
    message    text NOT NULL,
    PRIMARY KEY (tenant_id, import_id, row_number, field),
    FOREIGN KEY (tenant_id, import_id) REFERENCES contact_import (tenant_id, id) ON DELETE CASCADE
);
ALTER TABLE contact_import_error ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_import_error FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON contact_import_error
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));
