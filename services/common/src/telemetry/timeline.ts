// Points on a request's path, stamped with the monotonic clock that every process on a machine
// shares, for `bench/timeline.ts`: it lines the stamps of the gateway and the executor up per
// request, finer than trace spans (which round to the millisecond here) and without an exporter
// on the path. Published on a diagnostics channel: with no subscriber (always, outside that
// benchmark) a mark is one property read.
import { channel } from "node:diagnostics_channel";

export const TIMELINE_CHANNEL = "xrouter:timeline";

export type TimelinePoint =
  | "gateway.request" | "gateway.decided" | "gateway.publish" | "gateway.first_delta" | "gateway.first_write" | "gateway.result"
  | "executor.received" | "executor.provider" | "executor.first_token" | "executor.delta_sent" | "executor.result_sent";

export interface TimelineMark {
  point: TimelinePoint;
  /** The request id for the gateway's points before its calls exist, else the call id. */
  id: string;
  /** For `gateway.publish`: the call, so that a request's calls can be found. */
  callId?: string;
  /** For `gateway.request`: the HTTP request, whose arrival the subscriber may have stamped. */
  subject?: object;
  atNs: bigint;
}

const timeline = channel(TIMELINE_CHANNEL);

export function mark(point: TimelinePoint, id: string, extra?: { callId?: string; subject?: object }): void {
  if (!timeline.hasSubscribers) return;
  timeline.publish({ point, id, ...extra, atNs: process.hrtime.bigint() } satisfies TimelineMark);
}
