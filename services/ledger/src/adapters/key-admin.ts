// Key administration: list, show, change and revoke keys. Every operation takes an optional
// tenant scope; the gateway always passes the caller's tenant, so a key of another tenant is
// answered NOT_FOUND exactly like a key that does not exist (its existence is not revealed).
import type { GetKeyResponse } from "../../../common/src/generated/xrouter/ledger/v1/GetKeyResponse.js";
import type { ListKeysRequest__Output } from "../../../common/src/generated/xrouter/ledger/v1/ListKeysRequest.js";
import type { ListKeysResponse } from "../../../common/src/generated/xrouter/ledger/v1/ListKeysResponse.js";
import type { RevokeKeyResponse } from "../../../common/src/generated/xrouter/ledger/v1/RevokeKeyResponse.js";
import type { UpdateKeyRequest__Output } from "../../../common/src/generated/xrouter/ledger/v1/UpdateKeyRequest.js";
import type { UpdateKeyResponse } from "../../../common/src/generated/xrouter/ledger/v1/UpdateKeyResponse.js";
import { budgetWindows, remainingBudget } from "../core/budget.js";
import { invalidArgument, notFound } from "../core/errors.js";
import { requireId, validateUpdateKey } from "../core/validation.js";
import type { Database } from "./database.js";
import { findKey, listKeys, loadUsage, revokeKey, toKeyInfo, updateKey } from "./keys-repo.js";
import type { Clock } from "./ledger.js";

const API_KEY_SHAPE = /^xr-/;

/** A key id, with a hint when someone pasted the secret key instead. */
function keyIdOf(value: string | undefined): string {
  const keyId = requireId(value, "key_id");
  if (API_KEY_SHAPE.test(keyId)) throw invalidArgument("key_id looks like an API key; name keys by their key_id (key_...)");
  return keyId;
}

const noSuchKey = (keyId: string) => notFound(`no key with key_id '${keyId}'`);

export class KeyAdmin {
  constructor(private readonly db: Database, private readonly now: Clock) {}

  async list(request: ListKeysRequest__Output): Promise<ListKeysResponse> {
    const tenantId = request.all_tenants ? undefined : requireId(request.tenant_id, "tenant_id");
    const keys = await listKeys(this.db, tenantId, request.include_revoked);
    return { keys: keys.map(toKeyInfo) };
  }

  async get(keyIdIn: string, tenantId: string): Promise<GetKeyResponse> {
    const keyId = keyIdOf(keyIdIn);
    const key = await findKey(this.db, keyId, (tenantId ?? "").trim());
    if (!key) throw noSuchKey(keyId);
    const remaining = remainingBudget(key.budgets, await loadUsage(this.db, key.keyId, budgetWindows(this.now())));
    return { key: toKeyInfo(key), ...(remaining === undefined ? {} : { remaining_budget_nanousd: remaining }) };
  }

  async update(request: UpdateKeyRequest__Output): Promise<UpdateKeyResponse> {
    const changes = validateUpdateKey({ ...request, key_id: keyIdOf(request.key_id) });
    const key = await updateKey(this.db, changes);
    if (!key) throw noSuchKey(changes.keyId);
    return { key: toKeyInfo(key) };
  }

  async revoke(keyIdIn: string, tenantId: string): Promise<RevokeKeyResponse> {
    const keyId = keyIdOf(keyIdIn);
    const key = await revokeKey(this.db, keyId, (tenantId ?? "").trim());
    if (!key) throw noSuchKey(keyId);
    return { key: toKeyInfo(key) };
  }
}
