-- Campaigns: who sends (the tenant's sender identity and verified senders), what, to whom, and what was decided
-- for every recipient.

-- The tenant's identity in every message's footer: legal name, postal address, the true contact email (Reply-To),
-- and its own frequency caps (never above the platform's).
CREATE TABLE sender_profile (
    tenant_id        uuid NOT NULL REFERENCES tenant (id),
    legal_name       text NOT NULL,
    postal_address   text NOT NULL,
    contact_email    text NOT NULL,
    email_cap        integer CHECK (email_cap > 0),
    sms_cap          integer CHECK (sms_cap > 0),
    push_cap         integer CHECK (push_cap > 0),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id)
);
ALTER TABLE sender_profile ENABLE ROW LEVEL SECURITY;
ALTER TABLE sender_profile FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sender_profile
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- Senders: an email From address verified by a confirmation link, or an SMS sender id (alphanumeric or a number).
CREATE TABLE sender (
    tenant_id     uuid NOT NULL REFERENCES tenant (id),
    id            uuid NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('EMAIL', 'SMS')),
    address       text NOT NULL,
    display_name  text,
    status        text NOT NULL CHECK (status IN ('PENDING', 'VERIFIED')),
    token_hash    bytea,
    token_expires timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    verified_at   timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX sender_address ON sender (tenant_id, kind, lower(address));
CREATE INDEX sender_token ON sender (token_hash) WHERE token_hash IS NOT NULL;
ALTER TABLE sender ENABLE ROW LEVEL SECURITY;
ALTER TABLE sender FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sender
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

CREATE TABLE campaign (
    tenant_id        uuid NOT NULL REFERENCES tenant (id),
    id               uuid NOT NULL,
    name             text NOT NULL,
    channel          text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PUSH')),
    purpose          text NOT NULL,
    sender_id        uuid NOT NULL,
    audience         jsonb NOT NULL,
    subject          text,
    body             text NOT NULL,
    offer_id         uuid,
    scheduled_at     timestamptz,
    status           text NOT NULL CHECK (status IN ('DRAFT', 'CHECKED', 'SCHEDULED', 'SAMPLING', 'HELD', 'SENDING',
                                                     'DONE', 'DECLINED', 'CANCELLED')),
    staged_release   text NOT NULL DEFAULT 'AUTO' CHECK (staged_release IN ('AUTO', 'ALWAYS', 'NEVER')),
    staged_reasons   text[] NOT NULL DEFAULT '{}',
    sample_size      integer,
    hold_until       timestamptz,
    held_reason      text,
    freeze_on_hold   boolean NOT NULL DEFAULT false,
    -- Launch decides the audience in keyset batches; any node may continue from the cursor.
    evaluation       text NOT NULL DEFAULT 'NONE' CHECK (evaluation IN ('NONE', 'RUNNING', 'DONE')),
    evaluation_after uuid,
    evaluated_at     timestamptz,
    eligible_count   bigint NOT NULL DEFAULT 0,
    blocked_count    bigint NOT NULL DEFAULT 0,
    deferred_count   bigint NOT NULL DEFAULT 0,
    imported_count   bigint NOT NULL DEFAULT 0,
    content_review   boolean NOT NULL DEFAULT false,
    launched_at      timestamptz,
    finished_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, sender_id) REFERENCES sender (tenant_id, id)
);
CREATE INDEX campaign_due ON campaign (status, scheduled_at) WHERE status IN ('SCHEDULED', 'SAMPLING', 'SENDING');
CREATE INDEX campaign_evaluating ON campaign (evaluation) WHERE evaluation = 'RUNNING';
ALTER TABLE campaign ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaign
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- The decision for each recipient of a launched campaign: eligible, blocked (with the policy's reason) or deferred
-- (with the reason and until when). No foreign key to contact: an erased contact keeps its decision row.
CREATE TABLE campaign_recipient (
    tenant_id      uuid NOT NULL,
    campaign_id    uuid NOT NULL,
    contact_id     uuid NOT NULL,
    status         text NOT NULL CHECK (status IN ('ELIGIBLE', 'BLOCKED', 'DEFERRED')),
    reason         text,
    deferred_until timestamptz,
    decided_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id, contact_id),
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaign (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX campaign_recipient_by_status ON campaign_recipient (tenant_id, campaign_id, status, reason);
ALTER TABLE campaign_recipient ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign_recipient FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaign_recipient
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));
