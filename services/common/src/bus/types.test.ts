import { describe, expect, it } from "vitest";
import { OnceSettledDelivery } from "./types.js";
import type { ProviderCall__Output } from "../generated/xrouter/executor/v1/ProviderCall.js";

describe("a delivery settles once", () => {
  it("passes the first ack, nak or term to the transport and refuses a second", () => {
    const seen: string[] = [];
    const transport = {
      ack: () => seen.push("ack"), nak: (d?: number) => seen.push(`nak ${d}`), term: (r?: string) => seen.push(`term ${r}`),
      working: () => seen.push("working"),
    };
    const delivery = new OnceSettledDelivery({ call_id: "c" } as ProviderCall__Output, 2, 0, {}, transport, () => {});
    delivery.working();
    expect(delivery.settled).toBe(false);
    delivery.nak(500);
    expect(delivery.settled).toBe(true);
    expect(() => delivery.ack()).toThrow(/already settled; refused a second ack/);
    expect(() => delivery.term("x")).toThrow(/second term/);
    expect(seen).toEqual(["working", "nak 500"]);
  });
});
