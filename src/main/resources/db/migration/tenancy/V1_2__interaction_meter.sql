-- User interactions (coupon impressions, issues, redemptions) per tenant and calendar month (UTC), for plan limits.
CREATE TABLE interaction_count (
    tenant_id  uuid NOT NULL REFERENCES tenant (id),
    month      date NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('IMPRESSION', 'ISSUE', 'REDEMPTION')),
    count      bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, month, kind)
);
ALTER TABLE interaction_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE interaction_count FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON interaction_count
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));
