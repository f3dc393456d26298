-- A tenant's DKIM signing key per sending domain, made on first use; the private key never leaves the database
-- except into the signer. The public half is published by the tenant as <selector>._domainkey.<domain> TXT.
CREATE TABLE dkim_key (
    tenant_id   uuid NOT NULL REFERENCES tenant (id),
    domain      text NOT NULL,
    selector    text NOT NULL,
    private_key bytea NOT NULL,
    public_key  bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, domain)
);
ALTER TABLE dkim_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE dkim_key FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dkim_key
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- The sandbox keeps campaign messages too: which outbox message, and the message as it would have gone on the
-- wire (all headers, MIME parts, DKIM signature).
ALTER TABLE sandbox_message ADD COLUMN campaign_id uuid;
ALTER TABLE sandbox_message ADD COLUMN message_id uuid;
ALTER TABLE sandbox_message ADD COLUMN raw text;
