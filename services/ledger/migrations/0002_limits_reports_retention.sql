-- Rate-limit windows, the token columns the counterfactual needs, a daily request roll-up, and
-- the indexes the retention job deletes by. Reports read only roll-ups, so pruning raw records
-- never changes a number.

-- One row per key: the current 60 s window, opened by the first request after the last one
-- ended. The key's limits are copied in on every check so that the single upsert statement can
-- compare against them (as EXCLUDED.*) without a second read. UNLOGGED: a check is a write on
-- every request, and skipping the WAL (and its fsync) makes it cost about as much as a read;
-- after a database crash the table comes back empty, i.e. every key starts a fresh minute.
CREATE UNLOGGED TABLE rate_limit_windows (
  key_id          TEXT PRIMARY KEY,
  window_start_ms BIGINT NOT NULL,
  requests        INTEGER NOT NULL DEFAULT 0,
  tokens          BIGINT NOT NULL DEFAULT 0,
  rpm_limit       INTEGER NOT NULL DEFAULT 0,
  tpm_limit       INTEGER NOT NULL DEFAULT 0
);

ALTER TABLE spend_daily ADD COLUMN cached_input_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE spend_daily ADD COLUMN cache_write_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE spend_daily ADD COLUMN reasoning_tokens BIGINT NOT NULL DEFAULT 0;

-- Back-fill from the raw calls that still exist, so reports keep their totals after pruning.
UPDATE spend_daily s SET
  cached_input_tokens = c.cached, cache_write_tokens = c.cache_write, reasoning_tokens = c.reasoning
FROM (
  SELECT tenant_id, key_id, day, model_id, SUM(cached_input_tokens)::bigint AS cached,
    SUM(cache_write_tokens)::bigint AS cache_write, SUM(reasoning_tokens)::bigint AS reasoning
  FROM call_records GROUP BY tenant_id, key_id, day, model_id
) c
WHERE s.tenant_id = c.tenant_id AND s.key_id = c.key_id AND s.day = c.day AND s.model_id = c.model_id;

CREATE TABLE requests_daily (
  tenant_id   TEXT NOT NULL,
  key_id      TEXT NOT NULL,
  day         DATE NOT NULL,
  requests    BIGINT NOT NULL DEFAULT 0,
  ok_requests BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, key_id, day)
);

INSERT INTO requests_daily (tenant_id, key_id, day, requests, ok_requests)
SELECT tenant_id, key_id, day, COUNT(*), COUNT(*) FILTER (WHERE status = 'ok')
FROM request_records GROUP BY tenant_id, key_id, day;

CREATE INDEX call_records_day_idx ON call_records (day);
CREATE INDEX request_records_day_idx ON request_records (day);
