// Binds the ledger's parts to xrouter.ledger.v1.LedgerService. Caller mistakes become
// INVALID_ARGUMENT or NOT_FOUND with their message; anything else is logged with its cause and
// answered INTERNAL without details, so storage errors never leak to clients.
import { grpc, type LedgerServiceHandlers, type Logger } from "../../../common/src/index.js";
import { LedgerError, type LedgerErrorKind } from "../core/errors.js";
import type { KeyAdmin } from "./key-admin.js";
import type { Ledger } from "./ledger.js";
import type { RateLimiter } from "./rate-limits.js";
import type { Reports } from "./reports.js";

const STATUS_BY_KIND: Record<LedgerErrorKind, grpc.status> = {
  invalid_argument: grpc.status.INVALID_ARGUMENT,
  not_found: grpc.status.NOT_FOUND,
};

type Callback<Res> = (error: Partial<grpc.StatusObject> | null, response?: Res) => void;

function unaryHandler<Req, Res>(method: string, log: Logger, run: (request: Req) => Promise<Res>) {
  return (call: grpc.ServerUnaryCall<Req, Res>, callback: Callback<Res>): void => {
    run(call.request).then(
      (response) => callback(null, response),
      (error: unknown) => {
        if (error instanceof LedgerError) {
          log.debug({ method, err: error }, "rejected request");
          callback({ code: STATUS_BY_KIND[error.kind], details: error.message });
          return;
        }
        log.error({ method, err: error }, "ledger operation failed");
        callback({ code: grpc.status.INTERNAL, details: `ledger ${method} failed` });
      },
    );
  };
}

export interface LedgerParts {
  ledger: Ledger;
  keys: KeyAdmin;
  limits: RateLimiter;
  reports: Reports;
}

export function ledgerHandlers(parts: LedgerParts, log: Logger): LedgerServiceHandlers {
  const { ledger, keys, limits, reports } = parts;
  return {
    Authenticate: unaryHandler("Authenticate", log, (r) => ledger.authenticate(r.api_key)),
    CreateKey: unaryHandler("CreateKey", log, async (r) => {
      const created = await ledger.createKey(r);
      log.info({ key_id: created.key?.key_id, tenant_id: created.key?.tenant_id }, "key created");
      return created;
    }),
    Reserve: unaryHandler("Reserve", log, (r) => ledger.reserve(r)),
    Settle: unaryHandler("Settle", log, async (r) => { await ledger.settle(r.reservation_id, r.amount_nanousd); return {}; }),
    ShrinkReservation: unaryHandler("ShrinkReservation", log, async (r) => { await ledger.shrink(r.reservation_id, r.amount_nanousd); return {}; }),
    Release: unaryHandler("Release", log, async (r) => { await ledger.release(r.reservation_id); return {}; }),
    GrantBudgetLease: unaryHandler("GrantBudgetLease", log, (r) => ledger.grantBudgetLease(r)),
    ReturnBudgetLease: unaryHandler("ReturnBudgetLease", log, async (r) => { await ledger.returnBudgetLease(r.lease_id, r.unused_nanousd); return {}; }),
    RecordCall: unaryHandler("RecordCall", log, async (r) => ({ inserted: await ledger.recordCall(r.call) })),
    RecordRequest: unaryHandler("RecordRequest", log, async (r) => ({ inserted: await ledger.recordRequest(r.request) })),
    RecordCalls: unaryHandler("RecordCalls", log, async (r) => ({ inserted: await ledger.recordCalls(r.calls) })),
    RecordRequests: unaryHandler("RecordRequests", log, async (r) => ({ inserted: await ledger.recordRequests(r.requests) })),
    GetSpend: unaryHandler("GetSpend", log, (r) => reports.getSpend(r)),
    ListKeys: unaryHandler("ListKeys", log, (r) => keys.list(r)),
    GetKey: unaryHandler("GetKey", log, (r) => keys.get(r.key_id, r.tenant_id)),
    UpdateKey: unaryHandler("UpdateKey", log, async (r) => {
      const updated = await keys.update(r);
      log.info({ key_id: updated.key?.key_id, tenant_id: updated.key?.tenant_id }, "key updated");
      return updated;
    }),
    RevokeKey: unaryHandler("RevokeKey", log, async (r) => {
      const revoked = await keys.revoke(r.key_id, r.tenant_id);
      log.info({ key_id: revoked.key?.key_id, tenant_id: revoked.key?.tenant_id }, "key revoked");
      return revoked;
    }),
    CheckRateLimit: unaryHandler("CheckRateLimit", log, (r) => limits.check(r.key_id, r.tokens)),
    GetRequest: unaryHandler("GetRequest", log, (r) => reports.getRequest(r.tenant_id, r.request_id)),
  };
}
