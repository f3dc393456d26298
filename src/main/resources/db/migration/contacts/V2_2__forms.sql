-- Hosted subscription forms: which fields they ask, and the consent text, versioned (every version kept).
CREATE TABLE subscribe_form (
    tenant_id       uuid NOT NULL REFERENCES tenant (id),
    id              uuid NOT NULL,
    name            text NOT NULL,
    purpose         text NOT NULL,
    fields          text[] NOT NULL DEFAULT '{}',
    current_version integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX subscribe_form_by_id ON subscribe_form (id);
ALTER TABLE subscribe_form ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscribe_form FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscribe_form
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

CREATE TABLE subscribe_form_version (
    tenant_id    uuid NOT NULL,
    form_id      uuid NOT NULL,
    version      integer NOT NULL,
    consent_text text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, form_id, version),
    FOREIGN KEY (tenant_id, form_id) REFERENCES subscribe_form (tenant_id, id)
);
ALTER TABLE subscribe_form_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscribe_form_version FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscribe_form_version
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- A subscription waiting for its double opt-in: the evidence of the form submission, kept until confirmed.
CREATE TABLE subscription_confirmation (
    tenant_id    uuid NOT NULL,
    token_hash   bytea NOT NULL,
    form_id      uuid NOT NULL,
    version      integer NOT NULL,
    contact_id   uuid NOT NULL,
    source_url   text NOT NULL,
    ip           text,
    user_agent   text,
    collected_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    confirmed_at timestamptz,
    PRIMARY KEY (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, form_id, version) REFERENCES subscribe_form_version (tenant_id, form_id, version),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contact (tenant_id, id)
);
ALTER TABLE subscription_confirmation ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscription_confirmation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscription_confirmation
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- What would have been sent while no transport is configured (the sandbox), newest last.
CREATE TABLE sandbox_message (
    tenant_id  uuid NOT NULL REFERENCES tenant (id),
    id         uuid NOT NULL,
    channel    text NOT NULL,
    recipient  text NOT NULL,
    subject    text NOT NULL,
    body       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
ALTER TABLE sandbox_message ENABLE ROW LEVEL SECURITY;
ALTER TABLE sandbox_message FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sandbox_message
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));
