-- Idempotency keys are kept for a day (clipcast.coupons.idempotency-ttl), then purged by every node's housekeeping.
-- Rows arrive in time order, so a BRIN index finds the old ones for almost no cost on the redemption path.
CREATE INDEX redemption_idempotency_age ON redemption_idempotency USING brin (created_at);
