// CheckRateLimit: one INSERT ... ON CONFLICT DO UPDATE per request counts it atomically against
// the key's window, on PostgreSQL and PGlite alike. The row lock taken by the upsert serialises
// concurrent checks of one key across every gateway replica and every ledger replica; the WHERE
// clause of the update refuses a request that would pass a limit, so nothing is counted then.
// Only a refused request reads the window a second time, to say how long to wait.
import type { CheckRateLimitResponse } from "../../../common/src/generated/xrouter/ledger/v1/CheckRateLimitResponse.js";
import { notFound } from "../core/errors.js";
import {
  liveWindow, RATE_WINDOW_MS, rateLimitAnswer, whyDenied, type RateLimits, type RateWindow,
} from "../core/rate-limit.js";
import { requireAmount, requireId } from "../core/validation.js";
import type { Queryable } from "./database.js";
import { toInt } from "./sql-values.js";
import type { Clock } from "./ledger.js";

// $1 key, $2 now, $3 tokens, $4 the instant before which a window has ended. The key's limits
// come from api_keys inside the statement and reach the update as EXCLUDED.rpm_limit/tpm_limit.
const COUNT_REQUEST = `
INSERT INTO rate_limit_windows AS w (key_id, window_start_ms, requests, tokens, rpm_limit, tpm_limit)
SELECT k.key_id, $2::bigint, 1, $3::bigint, k.rpm_limit, k.tpm_limit FROM api_keys k
WHERE k.key_id = $1 AND k.revoked_at IS NULL AND (k.tpm_limit = 0 OR k.tpm_limit >= $3::bigint)
ON CONFLICT (key_id) DO UPDATE SET
  window_start_ms = CASE WHEN w.window_start_ms <= $4::bigint THEN EXCLUDED.window_start_ms ELSE w.window_start_ms END,
  requests = CASE WHEN w.window_start_ms <= $4::bigint THEN 1 ELSE w.requests + 1 END,
  tokens = CASE WHEN w.window_start_ms <= $4::bigint THEN EXCLUDED.tokens ELSE w.tokens + EXCLUDED.tokens END,
  rpm_limit = EXCLUDED.rpm_limit,
  tpm_limit = EXCLUDED.tpm_limit
WHERE w.window_start_ms <= $4::bigint OR (
  (EXCLUDED.rpm_limit = 0 OR w.requests + 1 <= EXCLUDED.rpm_limit)
  AND (EXCLUDED.tpm_limit = 0 OR w.tokens + EXCLUDED.tokens <= EXCLUDED.tpm_limit))
RETURNING window_start_ms, requests, tokens, rpm_limit, tpm_limit`;

const READ_WINDOW = `
SELECT k.rpm_limit, k.tpm_limit, k.revoked_at IS NOT NULL AS revoked, w.window_start_ms, w.requests, w.tokens
FROM api_keys k LEFT JOIN rate_limit_windows w ON w.key_id = k.key_id WHERE k.key_id = $1`;

const toWindow = (row: Record<string, unknown>): RateWindow => ({
  startMs: toInt(row.window_start_ms, "window_start_ms"),
  requests: toInt(row.requests, "requests"),
  tokens: toInt(row.tokens, "tokens"),
});

const toLimits = (row: Record<string, unknown>): RateLimits => ({
  rpm: toInt(row.rpm_limit, "rpm_limit"), tpm: toInt(row.tpm_limit, "tpm_limit"),
});

export class RateLimiter {
  constructor(private readonly db: Queryable, private readonly now: Clock) {}

  async check(keyIdIn: string, tokensIn: number): Promise<CheckRateLimitResponse> {
    const keyId = requireId(keyIdIn, "key_id");
    const tokens = requireAmount(tokensIn, "tokens");
    const nowMs = this.now();
    const counted = await this.db.query(COUNT_REQUEST, [keyId, nowMs, tokens, nowMs - RATE_WINDOW_MS]);
    if (counted[0]) return rateLimitAnswer(toLimits(counted[0]), toWindow(counted[0]), nowMs);
    const rows = await this.db.query(READ_WINDOW, [keyId]);
    const row = rows[0];
    if (!row) throw notFound(`no key with key_id '${keyId}'`);
    const limits = toLimits(row);
    if (row.revoked === true) return rateLimitAnswer(limits, undefined, nowMs, "key revoked");
    const window = liveWindow(row.window_start_ms === null ? undefined : toWindow(row), nowMs);
    // A check that raced a window change can find room now; it was still refused, never double-counted.
    return rateLimitAnswer(limits, window, nowMs, whyDenied(limits, window, tokens) ?? "rate limit reached");
  }
}
