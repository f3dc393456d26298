-- The keyset ranges of a launching campaign's audience still to decide. The launch plans them under the campaign's
-- row lock (evaluation_after then says how far the audience is planned: to the end, all of it); any thread of any
-- node claims one (FOR UPDATE SKIP LOCKED), decides and writes it, takes its credits and deletes it in one
-- transaction, so a million recipients are decided on every core at once and a crash loses nothing: the range
-- stays to be claimed.
CREATE TABLE campaign_batch (
    tenant_id   uuid NOT NULL,
    campaign_id uuid NOT NULL,
    after_id    uuid NOT NULL,
    last_id     uuid NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id, after_id)
);
ALTER TABLE campaign_batch ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign_batch FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaign_batch
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));
