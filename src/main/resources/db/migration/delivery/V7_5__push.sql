-- Web Push. Each tenant's VAPID key pair (RFC 8292), made by whichever node needs it first. The private key
-- (PKCS#8) signs the tenant's push requests; no API returns it.
CREATE TABLE push_vapid_key (
    tenant_id   uuid NOT NULL REFERENCES tenant (id),
    public_key  bytea NOT NULL CHECK (length(public_key) = 65),
    private_key bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id)
);
ALTER TABLE push_vapid_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE push_vapid_key FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON push_vapid_key
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- A browser's push subscription (RFC 8030 endpoint, RFC 8291 keys), held for one contact. One endpoint belongs to
-- one contact of a tenant: subscribing it again for another contact moves it. A push service that answers 404 or
-- 410 has forgotten the subscription, and so do we.
CREATE TABLE push_subscription (
    tenant_id  uuid NOT NULL,
    id         uuid NOT NULL,
    contact_id uuid NOT NULL,
    endpoint   text NOT NULL CHECK (length(endpoint) <= 2048),
    p256dh     bytea NOT NULL CHECK (length(p256dh) = 65),
    auth       bytea NOT NULL CHECK (length(auth) = 16),
    expires_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contact (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX push_subscription_endpoint ON push_subscription (tenant_id, endpoint);
CREATE INDEX push_subscription_by_contact ON push_subscription (tenant_id, contact_id);
ALTER TABLE push_subscription ENABLE ROW LEVEL SECURITY;
ALTER TABLE push_subscription FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON push_subscription
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));
