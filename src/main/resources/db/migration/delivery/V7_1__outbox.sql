-- The outbox: every message is a row before it is sent. (tenant, campaign, contact) is the message's idempotency
-- key: one campaign never has two messages for one recipient, whatever crashes or retries.
CREATE TABLE outbox_message (
    tenant_id      uuid NOT NULL,
    id             uuid NOT NULL,
    campaign_id    uuid NOT NULL,
    contact_id     uuid NOT NULL,
    channel        text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PUSH')),
    purpose        text NOT NULL,
    address        text NOT NULL,
    country        text,
    time_zone      text,
    coupon_code    text,
    fingerprint    bigint NOT NULL,
    simhash        bigint NOT NULL,
    -- HELD: not claimable until the campaign releases it (staged release); QUEUED: claimable from not_before.
    status         text NOT NULL CHECK (status IN ('HELD', 'QUEUED', 'SENDING', 'SENT', 'FAILED', 'CANCELLED')),
    not_before     timestamptz NOT NULL,
    attempts       integer NOT NULL DEFAULT 0,
    claimed_by     text,
    claimed_until  timestamptz,
    -- Set just before the transport is called: a claim that expires with it set is 'in doubt' (see Outbox).
    handed_at      timestamptz,
    provider_ref   text,
    failure_code   text,
    failure_reason text,
    created_at     timestamptz NOT NULL,
    sent_at        timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX outbox_message_idempotency ON outbox_message (tenant_id, campaign_id, contact_id);
CREATE INDEX outbox_message_claimable ON outbox_message (not_before) WHERE status = 'QUEUED';
CREATE INDEX outbox_message_claimed ON outbox_message (claimed_until) WHERE status = 'SENDING';
CREATE INDEX outbox_message_history ON outbox_message (tenant_id, contact_id, channel, created_at);
CREATE INDEX outbox_message_provider_ref ON outbox_message (provider_ref text_pattern_ops) WHERE provider_ref IS NOT NULL;
ALTER TABLE outbox_message ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_message FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox_message
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- What happened to sent messages: bounces, complaints, unsubscribes, opens, clicks, receipts.
CREATE TABLE delivery_event (
    tenant_id   uuid NOT NULL,
    message_id  uuid NOT NULL,
    seq         bigint GENERATED ALWAYS AS IDENTITY,
    campaign_id uuid NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('HARD_BOUNCE', 'SOFT_BOUNCE', 'COMPLAINT', 'UNSUBSCRIBE', 'OPEN',
                                              'CLICK', 'DELIVERED', 'UNDELIVERABLE')),
    detail      text,
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, message_id, seq)
);
CREATE INDEX delivery_event_by_campaign ON delivery_event (tenant_id, campaign_id, kind);
ALTER TABLE delivery_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE delivery_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON delivery_event
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- Token buckets shared by every node: one row per limit key (channel, provider or recipient domain).
CREATE TABLE rate_bucket (
    key        text PRIMARY KEY,
    tokens     double precision NOT NULL,
    updated_at timestamptz NOT NULL
);
