-- Generated from RedemptionRepository.REDEEM_UNIQUE_ALONE: the app's statement with its parameters inlined, sent
-- alone in auto-commit like the application sends it; the tenant scope is set once per connection (PGOPTIONS in
-- run.sh), as the application's pool sets it once per connection.
\set n :i * :clients + :client_id + 1
\set i :i + 1
WITH target AS (
    SELECT c.tenant_id, c.code, c.offer_id, c.generic, coalesce(c.contact_id, NULL::uuid) AS contact_id,
           o.max_per_contact, o.max_total
    FROM coupon_code c JOIN offer o ON o.tenant_id = c.tenant_id AND o.id = c.offer_id
    WHERE c.tenant_id = 'TENANT'::uuid AND c.code = 'PGB' || lpad((:n)::text, 9, '0') AND c.generic = false
      AND c.voided_at IS NULL AND NOT o.paused
      AND (o.valid_from IS NULL OR o.valid_from <= now())
      AND coalesce(c.valid_until, o.valid_until, 'infinity') > now()
      AND (c.generic OR o.max_per_code IS NULL OR c.redemptions < o.max_per_code)
      AND (o.max_per_contact IS NULL OR o.max_total IS NULL OR coalesce(c.contact_id, NULL::uuid) IS NULL)
    FOR UPDATE OF c
), contact_ok AS (
    INSERT INTO contact_redemption_count AS k (tenant_id, offer_id, contact_id, redemptions)
    SELECT tenant_id, offer_id, contact_id, 1 FROM target
    WHERE max_per_contact IS NOT NULL AND contact_id IS NOT NULL
    ON CONFLICT (tenant_id, offer_id, contact_id) DO UPDATE SET redemptions = k.redemptions + 1
        WHERE k.redemptions < (SELECT max_per_contact FROM target)
    RETURNING 1
), cap_ok AS (
    UPDATE offer o SET redeemed_total = o.redeemed_total + 1
    FROM target t
    WHERE o.tenant_id = t.tenant_id AND o.id = t.offer_id
      AND o.max_total IS NOT NULL AND o.redeemed_total < o.max_total
      AND (t.max_per_contact IS NULL OR t.contact_id IS NULL OR EXISTS (SELECT 1 FROM contact_ok))
    RETURNING 1
), allowed AS (
    SELECT t.* FROM target t
    WHERE (t.max_per_contact IS NULL OR t.contact_id IS NULL OR EXISTS (SELECT 1 FROM contact_ok))
      AND (t.max_total IS NULL OR EXISTS (SELECT 1 FROM cap_ok))
), counted AS (
    UPDATE coupon_code c SET redemptions = c.redemptions + 1
    FROM allowed a
    WHERE c.tenant_id = a.tenant_id AND c.code = a.code AND NOT a.generic
    RETURNING 1
)
INSERT INTO redemption (tenant_id, id, offer_id, code, contact_id, order_amount, currency, location,
                        redeemed_at)
SELECT tenant_id, gen_random_uuid(), offer_id, code, contact_id, NULL::numeric, NULL, NULL, now() FROM allowed
RETURNING id, offer_id, code, contact_id, order_amount, currency, location, redeemed_at, reversed_at;
