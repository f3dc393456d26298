-- Feedback (bounces, complaints) from the inbound hook.

-- One event of each of these kinds per message: an MTA that posts the same report twice, or two feedback loops
-- that report the same complaint, count once (staged release reads these counts). Earlier duplicates, if any, are
-- removed first; the migration reads every tenant's rows, hence the platform scope for this transaction only.
SELECT set_config('clipcast.scope', 'platform', true);
DELETE FROM delivery_event later
USING delivery_event earlier
WHERE later.tenant_id = earlier.tenant_id AND later.message_id = earlier.message_id AND later.kind = earlier.kind
  AND later.kind IN ('HARD_BOUNCE', 'SOFT_BOUNCE', 'COMPLAINT') AND later.seq > earlier.seq;
CREATE UNIQUE INDEX delivery_event_once ON delivery_event (tenant_id, message_id, kind)
    WHERE kind IN ('HARD_BOUNCE', 'SOFT_BOUNCE', 'COMPLAINT');

-- A report names the message by the id in its Message-ID, without the tenant; or, lacking it, only by the
-- recipient's address.
CREATE INDEX outbox_message_by_id ON outbox_message (id);
CREATE INDEX outbox_message_sent_email_by_address ON outbox_message (address, sent_at)
    WHERE channel = 'EMAIL' AND status = 'SENT';
