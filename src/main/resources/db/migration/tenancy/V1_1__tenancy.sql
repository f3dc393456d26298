-- Row-level security: every tenant-owned table lets a connection see only the rows of the tenant in its
-- 'clipcast.tenant_id' setting, or every row in the platform scope. The application sets both on each
-- connection it hands out (TenantScopedDataSource); a connection without a scope sees no tenant rows.
CREATE FUNCTION clipcast_tenant_visible(row_tenant uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT current_setting('clipcast.scope', true) = 'platform'
            OR row_tenant = nullif(current_setting('clipcast.tenant_id', true), '')::uuid
    $$;

-- Platform-wide reference tables: plans, tenants, users (sign-in happens before a tenant is known).
CREATE TABLE plan (
    code                 text PRIMARY KEY,
    monthly_interactions integer NOT NULL CHECK (monthly_interactions > 0)
);
INSERT INTO plan (code, monthly_interactions) VALUES
    ('LITE', 2500), ('BRONZE', 5000), ('SILVER', 50000), ('GOLD', 250000);

CREATE TABLE tenant (
    id              uuid PRIMARY KEY,
    slug            text NOT NULL UNIQUE,
    name            text NOT NULL,
    plan            text NOT NULL REFERENCES plan (code),
    status          text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'FROZEN', 'DEACTIVATED')),
    message_credits bigint NOT NULL DEFAULT 0 CHECK (message_credits >= 0),
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    tenant_id     uuid REFERENCES tenant (id),
    email         text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('OWNER', 'MARKETER', 'CASHIER', 'OPERATOR')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'OPERATOR') = (tenant_id IS NULL))
);
CREATE INDEX app_user_tenant ON app_user (tenant_id);

-- Tenant-owned: tenant_id leads the primary key and every unique index (distributable by tenant).
CREATE TABLE api_key (
    tenant_id  uuid NOT NULL REFERENCES tenant (id),
    id         uuid NOT NULL,
    name       text NOT NULL,
    scope      text NOT NULL CHECK (scope IN ('FULL', 'REDEEM')),
    key_hash   bytea NOT NULL,
    key_prefix text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, key_hash)
);
ALTER TABLE api_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_key
    USING (clipcast_tenant_visible(tenant_id)) WITH CHECK (clipcast_tenant_visible(tenant_id));
