-- Keys, reservations and spend. Every amount is integer nano-USD (BIGINT); days are UTC.

CREATE TABLE tenants (
  tenant_id  TEXT PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  key_id                 TEXT PRIMARY KEY,
  tenant_id              TEXT NOT NULL REFERENCES tenants (tenant_id),
  name                   TEXT NOT NULL DEFAULT '',
  key_hash               TEXT NOT NULL UNIQUE,
  key_prefix             TEXT NOT NULL,
  allowed_models         TEXT[] NOT NULL DEFAULT '{}',
  budget_total_nanousd   BIGINT CHECK (budget_total_nanousd >= 0),
  budget_daily_nanousd   BIGINT CHECK (budget_daily_nanousd >= 0),
  budget_monthly_nanousd BIGINT CHECK (budget_monthly_nanousd >= 0),
  rpm_limit              INTEGER NOT NULL DEFAULT 0 CHECK (rpm_limit >= 0),
  tpm_limit              INTEGER NOT NULL DEFAULT 0 CHECK (tpm_limit >= 0),
  revoked_at             TIMESTAMPTZ,
  created_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);

-- Open holds on a key's budgets. No foreign key: a row outlives nothing it points at, and
-- created_ms (not a timestamp) keeps expiry math identical on both drivers.
CREATE TABLE reservations (
  reservation_id TEXT PRIMARY KEY,
  key_id         TEXT NOT NULL,
  tenant_id      TEXT NOT NULL,
  request_id     TEXT NOT NULL DEFAULT '',
  model_id       TEXT NOT NULL DEFAULT '',
  amount_nanousd BIGINT NOT NULL CHECK (amount_nanousd >= 0),
  created_ms     BIGINT NOT NULL
);
CREATE INDEX reservations_key_idx ON reservations (key_id, created_ms);

-- Raw provider calls; may be pruned later because budgets and reports read spend_daily.
CREATE TABLE call_records (
  call_id             TEXT PRIMARY KEY,
  request_id          TEXT NOT NULL DEFAULT '',
  tenant_id           TEXT NOT NULL,
  key_id              TEXT NOT NULL,
  model_id            TEXT NOT NULL DEFAULT '',
  provider            TEXT NOT NULL DEFAULT '',
  status              TEXT NOT NULL,
  input_tokens        BIGINT NOT NULL DEFAULT 0,
  output_tokens       BIGINT NOT NULL DEFAULT 0,
  cached_input_tokens BIGINT NOT NULL DEFAULT 0,
  reasoning_tokens    BIGINT NOT NULL DEFAULT 0,
  cache_write_tokens  BIGINT NOT NULL DEFAULT 0,
  usage_estimated     BOOLEAN NOT NULL DEFAULT false,
  cost_nanousd        BIGINT NOT NULL DEFAULT 0,
  latency_ms          BIGINT NOT NULL DEFAULT 0,
  attempts            INTEGER NOT NULL DEFAULT 0,
  error_code          TEXT NOT NULL DEFAULT '',
  executor_id         TEXT NOT NULL DEFAULT '',
  created_ms          BIGINT NOT NULL,
  day                 DATE NOT NULL,
  recorded_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX call_records_request_idx ON call_records (request_id);
CREATE INDEX call_records_tenant_day_idx ON call_records (tenant_id, day);

CREATE TABLE spend_daily (
  tenant_id     TEXT NOT NULL,
  key_id        TEXT NOT NULL,
  day           DATE NOT NULL,
  model_id      TEXT NOT NULL,
  calls         BIGINT NOT NULL DEFAULT 0,
  input_tokens  BIGINT NOT NULL DEFAULT 0,
  output_tokens BIGINT NOT NULL DEFAULT 0,
  cost_nanousd  BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, key_id, day, model_id)
);
CREATE INDEX spend_daily_key_day_idx ON spend_daily (key_id, day);

CREATE TABLE request_records (
  request_id          TEXT PRIMARY KEY,
  tenant_id           TEXT NOT NULL,
  key_id              TEXT NOT NULL DEFAULT '',
  routing_strategy    TEXT NOT NULL DEFAULT '',
  policy              TEXT NOT NULL DEFAULT '',
  model_used          TEXT NOT NULL DEFAULT '',
  turns               INTEGER NOT NULL DEFAULT 0,
  total_cost_nanousd  BIGINT NOT NULL DEFAULT 0,
  router_cost_nanousd BIGINT NOT NULL DEFAULT 0,
  status              TEXT NOT NULL DEFAULT '',
  http_status         INTEGER NOT NULL DEFAULT 0,
  latency_ms          BIGINT NOT NULL DEFAULT 0,
  error_code          TEXT NOT NULL DEFAULT '',
  created_ms          BIGINT NOT NULL,
  day                 DATE NOT NULL,
  recorded_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX request_records_tenant_day_idx ON request_records (tenant_id, day);
