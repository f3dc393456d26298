-- A launch writes one decision per recipient, a million of them in one launch, set-based (AudienceEvaluation): every
-- per-row cost of campaign_recipient counts. Measured per 100,000 rows inserted: 1.2 s of CPU with the foreign key
-- and the status index, 0.35 s without.
--
-- The foreign key to campaign checked every row with a trigger (half of that cost). Its rows are written only by
-- the launch of their campaign, in transactions that hold the campaign's row lock, and campaigns are never deleted,
-- so the reference cannot break.
ALTER TABLE campaign_recipient DROP CONSTRAINT campaign_recipient_tenant_id_campaign_id_fkey;

-- The status index had an entry for every recipient, eligible or not. Counting decisions reads the primary key's
-- range of the campaign; listing the blocked and deferred recipients (few, usually) page by page uses this one.
DROP INDEX campaign_recipient_by_status;
CREATE INDEX campaign_recipient_not_eligible ON campaign_recipient (tenant_id, campaign_id, status, contact_id)
    WHERE status <> 'ELIGIBLE';
