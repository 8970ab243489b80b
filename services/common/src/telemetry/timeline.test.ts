import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { expect, it } from "vitest";
import { mark, TIMELINE_CHANNEL, type TimelineMark } from "./timeline.js";

it("publishes stamped marks only while someone listens", () => {
  const seen: TimelineMark[] = [];
  const listener = (message: unknown) => { seen.push(message as TimelineMark); };
  mark("gateway.request", "before");
  subscribe(TIMELINE_CHANNEL, listener);
  const before = process.hrtime.bigint();
  mark("gateway.publish", "req_1", { callId: "call_1" });
  unsubscribe(TIMELINE_CHANNEL, listener);
  mark("gateway.result", "after");
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ point: "gateway.publish", id: "req_1", callId: "call_1" });
  expect(seen[0]!.atNs).toBeGreaterThanOrEqual(before);
});
