// API-key authentication through the ledger, with a short cache so a busy key does not cost a
// ledger round trip per request. A revoked key stops working within the cache TTL. Concurrent
// requests with the same key share one lookup: when an entry expires under load, 32 requests in
// flight would otherwise send 32 Authenticate calls at once.
import { hash } from "node:crypto";
import { unauthorized, type LedgerClient } from "../../../common/src/index.js";
import { fromGrpcError } from "./grpc-errors.js";

export interface AuthContext {
  keyId: string;
  tenantId: string;
  allowedModels: string[];
  remainingBudgetNanoUsd?: number;
  /** Per-minute limits of the key; 0: none (then no rate-limit check is made). */
  rpmLimit: number;
  tpmLimit: number;
}

export class KeyAuthenticator {
  private readonly cache = new Map<string, { expiresAt: number; auth: AuthContext }>();
  private readonly inFlight = new Map<string, Promise<AuthContext>>();

  constructor(private readonly ledger: LedgerClient, private readonly ttlMs: number) {}

  async authenticate(authorization: string | undefined): Promise<AuthContext> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (!match) {
      throw unauthorized("You didn't provide an API key. Send it in the Authorization header as 'Bearer <key>'.");
    }
    // the one-shot hash: no Hash object per request (it showed in the gateway's profile)
    const digest = hash("sha256", match[1]!, "hex");
    const cached = this.cache.get(digest);
    if (cached && cached.expiresAt > Date.now()) return cached.auth;
    let lookup = this.inFlight.get(digest);
    if (!lookup) {
      lookup = this.lookup(match[1]!, digest).finally(() => this.inFlight.delete(digest));
      this.inFlight.set(digest, lookup);
    }
    return lookup;
  }

  private async lookup(apiKey: string, digest: string): Promise<AuthContext> {
    let response;
    try {
      response = await this.ledger.authenticate(apiKey);
    } catch (error) {
      throw fromGrpcError("ledger", error);
    }
    if (!response.ok || !response.key) throw unauthorized();
    const auth: AuthContext = {
      keyId: response.key.key_id, tenantId: response.key.tenant_id, allowedModels: response.key.allowed_models,
      remainingBudgetNanoUsd: response.remaining_budget_nanousd ?? undefined,
      rpmLimit: response.key.rpm_limit, tpmLimit: Number(response.key.tpm_limit),
    };
    if (this.ttlMs > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(digest, { expiresAt: Date.now() + this.ttlMs, auth });
    }
    return auth;
  }
}
