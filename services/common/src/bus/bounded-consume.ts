// The consume loop both JetStream consumers share (calls in the executors, records in the ledger):
// messages are handled concurrently, at most `concurrency` at a time; past that the loop stops
// pulling until one finishes, so a slow receiver holds the rest in the stream, not in memory.
import type { MsgHdrs } from "@nats-io/transport-node";
import type { ConsumerMessages, JsMsg } from "@nats-io/jetstream";
import type { ConsumeHandle, Headers } from "./types.js";

export function headersOf(h: MsgHdrs | undefined): Headers {
  const out: Headers = {};
  if (!h) return out;
  for (const [key, values] of h) if (values[0] !== undefined) out[key] = values[0];
  return out;
}

/** `handle` settles the message itself; it returns nothing when it settled it at once. */
export function consumeBounded(
  messages: ConsumerMessages, concurrency: number, handle: (m: JsMsg) => Promise<void> | undefined,
): ConsumeHandle {
  const running = new Set<Promise<void>>();
  let wake: (() => void) | undefined;
  const loop = (async () => {
    for await (const m of messages) {
      while (running.size >= concurrency) await new Promise<void>((r) => { wake = r; });
      const task = handle(m);
      if (!task) continue;
      const tracked: Promise<void> = task.finally(() => { running.delete(tracked); wake?.(); wake = undefined; });
      running.add(tracked);
    }
  })();
  return {
    inFlight: () => running.size,
    async stop() {
      await messages.close();
      await loop;
      await Promise.allSettled([...running]);
    },
  };
}
