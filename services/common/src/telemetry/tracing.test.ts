import { describe, expect, it } from "vitest";
import { serviceNameOf } from "./tracing.js";

describe("serviceNameOf", () => {
  it("names the service from its entry point, compiled or source", () => {
    expect(serviceNameOf("/app/dist/services/gateway/src/main.js")).toBe("xrouter-gateway");
    expect(serviceNameOf("/work/main/services/ledger/src/main.ts")).toBe("xrouter-ledger");
    expect(serviceNameOf("/work/main/scripts/start.ts")).toBe("xrouter-unknown");
    expect(serviceNameOf(undefined)).toBe("xrouter-unknown");
  });
});
