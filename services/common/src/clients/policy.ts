// Promise-based client of xrouter.policy.v1.PolicyService.
import { CLIENT_OPTIONS, grpc, unary } from "../grpc.js";
import { policyProto } from "../proto.js";
import type { PolicyServiceClient } from "../generated/xrouter/policy/v1/PolicyService.js";
import type { DecideRequest } from "../generated/xrouter/policy/v1/DecideRequest.js";
import type { DecideResponse__Output } from "../generated/xrouter/policy/v1/DecideResponse.js";

export class PolicyClient {
  readonly raw: PolicyServiceClient;

  constructor(readonly address: string, private readonly timeoutMs = 5000) {
    this.raw = new policyProto.xrouter.policy.v1.PolicyService(address, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  }

  decide(request: DecideRequest, metadata?: grpc.Metadata): Promise<DecideResponse__Output> {
    return unary<DecideRequest, DecideResponse__Output>(
      this.raw.Decide as unknown as Parameters<typeof unary<DecideRequest, DecideResponse__Output>>[0],
      this.raw as unknown as grpc.Client, request, { timeoutMs: this.timeoutMs, metadata });
  }

  close(): void {
    this.raw.close();
  }
}
