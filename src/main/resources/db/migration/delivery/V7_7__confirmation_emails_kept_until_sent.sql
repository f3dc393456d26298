-- Confirmation emails (double opt-in links, sender address checks) wait here until a relay has accepted or refused
-- them, so that a relay's "try later" (greylisting) is tried again by whichever node is up, not by the one that
-- happened to send first. A row is written in the transaction that asks for the email (a subscription rolled back
-- sends nothing) and deleted once the email is accepted, refused or given up. Any node claims due rows for a lease.
CREATE TABLE confirmation_email (
    tenant_id       uuid NOT NULL REFERENCES tenant (id),
    id              uuid NOT NULL,
    message_id      text NOT NULL,
    from_name       text NOT NULL,
    recipient       text NOT NULL,
    subject         text NOT NULL,
    body            text NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claimed_until   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX confirmation_email_due ON confirmation_email (next_attempt_at);
ALTER TABLE confirmation_email ENABLE ROW LEVEL SECURITY;
ALTER TABLE confirmation_email FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON confirmation_email
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));
