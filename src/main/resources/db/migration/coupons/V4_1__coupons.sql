-- Coupons: offers, their codes, redemptions and the bookkeeping that makes redemption exactly-once.
-- Every table is tenant-owned: tenant_id leads each primary key and unique index, row-level security guards it.

CREATE TABLE offer (
    tenant_id               uuid NOT NULL REFERENCES tenant (id),
    id                      uuid NOT NULL,
    name                    text NOT NULL,
    discount_type           text NOT NULL CHECK (discount_type IN ('PERCENT', 'AMOUNT', 'FREE_ITEM', 'TEXT')),
    discount_value          numeric(12, 2),
    discount_currency       text,
    discount_text           text,
    terms                   text,
    valid_from              timestamptz,
    valid_until             timestamptz,
    valid_days_after_issue  integer CHECK (valid_days_after_issue > 0),
    max_per_code            integer CHECK (max_per_code > 0),
    max_per_contact         integer CHECK (max_per_contact > 0),
    max_total               bigint CHECK (max_total > 0),
    channels                text[] NOT NULL DEFAULT '{}',
    code_prefix             text NOT NULL DEFAULT '',
    code_pattern            text,
    code_length             integer,
    code_alphabet           text NOT NULL,
    code_check_character    boolean NOT NULL DEFAULT false,
    paused                  boolean NOT NULL DEFAULT false,
    -- Redemptions counted against max_total; only offers with a total cap keep it up to date.
    redeemed_total          bigint NOT NULL DEFAULT 0,
    created_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
ALTER TABLE offer ENABLE ROW LEVEL SECURITY;
ALTER TABLE offer FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON offer
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- One row per code. No foreign key to offer: millions of rows are bulk-loaded per job and the offer is checked
-- once per job instead of once per row.
CREATE TABLE coupon_code (
    tenant_id    uuid NOT NULL,
    code         text NOT NULL,
    offer_id     uuid NOT NULL,
    generic      boolean NOT NULL DEFAULT false,
    contact_id   uuid,
    issued_at    timestamptz,
    valid_until  timestamptz,
    redemptions  integer NOT NULL DEFAULT 0,
    voided_at    timestamptz,
    PRIMARY KEY (tenant_id, code)
);
-- Issue is idempotent per (offer, contact); also serves listing an offer's codes and finding unissued ones.
CREATE UNIQUE INDEX coupon_code_offer_contact ON coupon_code (tenant_id, offer_id, contact_id);
-- At most one generic (shared) code per offer.
CREATE UNIQUE INDEX coupon_code_generic ON coupon_code (tenant_id, offer_id) WHERE generic;
ALTER TABLE coupon_code ENABLE ROW LEVEL SECURITY;
ALTER TABLE coupon_code FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON coupon_code
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

CREATE TABLE redemption (
    tenant_id     uuid NOT NULL,
    id            uuid NOT NULL,
    offer_id      uuid NOT NULL,
    code          text NOT NULL,
    contact_id    uuid,
    order_amount  numeric(12, 2),
    currency      text,
    location      text,
    redeemed_at   timestamptz NOT NULL,
    reversed_at   timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX redemption_code ON redemption (tenant_id, code);
ALTER TABLE redemption ENABLE ROW LEVEL SECURITY;
ALTER TABLE redemption FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON redemption
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- Redemptions per contact and offer, kept only for offers with a per-contact limit.
CREATE TABLE contact_redemption_count (
    tenant_id    uuid NOT NULL,
    offer_id     uuid NOT NULL,
    contact_id   uuid NOT NULL,
    redemptions  integer NOT NULL,
    PRIMARY KEY (tenant_id, offer_id, contact_id)
);
ALTER TABLE contact_redemption_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_redemption_count FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON contact_redemption_count
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- The first answer to a redemption request with an Idempotency-Key; a replay gets it again.
CREATE TABLE redemption_idempotency (
    tenant_id     uuid NOT NULL,
    key           text NOT NULL,
    status        integer,
    body          text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, key)
);
ALTER TABLE redemption_idempotency ENABLE ROW LEVEL SECURITY;
ALTER TABLE redemption_idempotency FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON redemption_idempotency
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- Code generation jobs: any node claims a queued or abandoned job (lease expired) with SKIP LOCKED.
CREATE TABLE code_job (
    tenant_id      uuid NOT NULL,
    id             uuid NOT NULL,
    offer_id       uuid NOT NULL,
    total          integer NOT NULL CHECK (total > 0),
    done           integer NOT NULL DEFAULT 0,
    status         text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    lease_until    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, offer_id) REFERENCES offer (tenant_id, id)
);
CREATE INDEX code_job_open ON code_job (status) WHERE status IN ('QUEUED', 'RUNNING');
ALTER TABLE code_job ENABLE ROW LEVEL SECURITY;
ALTER TABLE code_job FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON code_job
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- Failed validations per caller (API key or client address) in a sliding window: shared by every node.
CREATE TABLE code_guess_window (
    tenant_id     uuid NOT NULL,
    caller        text NOT NULL,
    failures      integer NOT NULL,
    window_start  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, caller)
);
ALTER TABLE code_guess_window ENABLE ROW LEVEL SECURITY;
ALTER TABLE code_guess_window FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON code_guess_window
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));

-- Coupon page views: one impression per viewer per 30 minutes.
CREATE TABLE coupon_impression (
    tenant_id     uuid NOT NULL,
    code          text NOT NULL,
    viewer        text NOT NULL,
    viewed_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code, viewer, viewed_at)
);
ALTER TABLE coupon_impression ENABLE ROW LEVEL SECURITY;
ALTER TABLE coupon_impression FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON coupon_impression
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));
