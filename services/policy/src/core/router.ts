// Picks the backend a request names in hints.policy, or the service default. The default is
// checked when the router is built, so a misconfigured service never starts.
import { ConfigError, type DecideRequest__Output, type DecideResponse } from "../../../common/src/index.js";
import type { PolicyBackend } from "./backend.js";
import { UnknownPolicyError } from "./errors.js";

export class PolicyRouter {
  private readonly backends: ReadonlyMap<string, PolicyBackend>;

  constructor(backends: ReadonlyMap<string, PolicyBackend>, readonly defaultName: string) {
    this.backends = new Map(backends);
    if (!this.backends.has(defaultName)) {
      throw new ConfigError(`XROUTER_POLICY_DEFAULT: unknown policy '${defaultName}'; known: ${this.names().join(", ")}`);
    }
  }

  names(): string[] {
    return [...this.backends.keys()].sort();
  }

  resolve(requested: string | undefined): PolicyBackend {
    const name = requested?.trim() || this.defaultName;
    const backend = this.backends.get(name);
    if (!backend) throw new UnknownPolicyError(name, this.names());
    return backend;
  }

  async decide(request: DecideRequest__Output): Promise<DecideResponse> {
    const backend = this.resolve(request.hints?.policy);
    const response = await backend.decide(request);
    return { ...response, policy: response.policy || backend.name };
  }
}
