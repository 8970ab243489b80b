// What every JetStream user here shares: one way to connect, creating a stream that may already
// exist, headers both ways, and the bounded consume loop of the call and record consumers.
import { connect, headers as natsHeaders, type MsgHdrs, type NatsConnection } from "@nats-io/transport-node";
import type { ConsumerMessages, JetStreamManager, JsMsg, StreamConfig } from "@nats-io/jetstream";
import { concurrencySlots } from "./slots.js";
import type { ConsumeHandle, Headers } from "./types.js";

export const NANOS_PER_MS = 1_000_000;
/** How long JetStream remembers a message id to drop a re-published duplicate. */
export const DUPLICATE_WINDOW_NS = 2 * 60 * 1000 * NANOS_PER_MS;

/** A long-lived connection that reconnects for ever. */
export function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500,
    // a stack-captured Error per publish costs ~14% of a process's CPU on the hot path
    noAsyncTraces: true,
  });
}

/**
 * Whether the connection is up, and a wait until it is. nats.js does not keep what is published
 * while the connection is down: it resets its outbound buffer on every dial (as the other NATS
 * clients do, so as never to send half a message), so such a publish is dropped without an error.
 * A publish that must not be lost checks `up()` first and, when it is not, waits and asks for
 * JetStream's acknowledgement instead.
 */
export function connectionWatch(nc: NatsConnection) {
  let up = true;
  let waiting: { resolve(): void; reject(error: Error): void }[] = [];
  const resumed = new Set<() => void>();
  const settle = (error?: Error) => {
    const due = waiting;
    waiting = [];
    for (const w of due) if (error) w.reject(error); else w.resolve();
  };
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === "disconnect") up = false;
      else if (status.type === "reconnect") {
        up = true;
        settle();
        for (const listener of resumed) listener();
      }
    }
  })();
  void nc.closed().then(() => { up = false; settle(new Error("the NATS connection is closed")); });
  return {
    up: () => up && !nc.isClosed(),
    /** Calls `listener` after each reconnection (the client has sent its subscriptions again by then). */
    onResumed(listener: () => void): { unsubscribe(): void } {
      resumed.add(listener);
      return { unsubscribe: () => resumed.delete(listener) };
    },
    /** Resolves once the connection is up (at once if it is); rejects when it closes for good. */
    whenUp(): Promise<void> {
      if (nc.isClosed()) return Promise.reject(new Error("the NATS connection is closed"));
      if (up) return Promise.resolve();
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
}

/**
 * Publishes that share a write. The NATS client writes what was published at every microtask
 * checkpoint, and under load one turn of the event loop runs many callbacks (a socket's worth of
 * provider chunks, of HTTP requests), each of which published on a write of its own: on a VM a
 * write to a loopback socket costs tens of microseconds and wakes NATS once more. So the first
 * publish of a turn goes at once (an idle process adds no delay, and a first token does not wait
 * for the rest of the turn's work), and the ones after it in the same turn are held until its end
 * (setImmediate) and handed to the client together, in order.
 */
export function turnBatcher() {
  let queue: (() => void)[] = [];
  let turnOpen = false;
  const run = (publish: () => void) => {
    // only a closed connection refuses a publish: a delta is then lost as it would have been a
    // moment later, and a caller that must know (a result) catches it in its own function
    try { publish(); } catch { /* see above */ }
  };
  const flush = () => {
    turnOpen = false;
    const due = queue;
    queue = [];
    for (const publish of due) run(publish);
  };
  const publish = (next: () => void) => {
    if (turnOpen) { queue.push(next); return; }
    turnOpen = true;
    setImmediate(flush);
    run(next);
  };
  return {
    publish,
    /** Resolves when a publish made now would be handed over (a JetStream publish waits for it). */
    turn: (): Promise<void> => new Promise<void>((resolve) => publish(resolve)),
    /** Hands what is held to the client now (before the connection drains). */
    flush,
  };
}

/** Creates the stream unless it exists; another process creating it at the same moment is no error. */
export async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name);
  } catch {
    await jsm.streams.add(config).catch(async (error: unknown) => {
      await jsm.streams.info(config.name).catch(() => { throw error; });
    });
  }
}

export function toMsgHeaders(h: Headers | undefined): MsgHdrs | undefined {
  if (!h || Object.keys(h).length === 0) return undefined;
  const out = natsHeaders();
  for (const [key, value] of Object.entries(h)) out.set(key, value);
  return out;
}

export function headersOf(h: MsgHdrs | undefined): Headers {
  const out: Headers = {};
  if (!h) return out;
  for (const [key, values] of h) if (values[0] !== undefined) out[key] = values[0];
  return out;
}

/**
 * Messages handled concurrently, at most `concurrency` at a time; past that the loop stops pulling
 * until one finishes, so a slow receiver leaves the rest in the stream, not in memory. `handle`
 * settles the message itself; it returns nothing when it settled it at once. A handler whose work
 * is done but whose settling waits on something slow and cheap (a call's record, batched for tens
 * of milliseconds) calls `freeSlot` to let the next message in; such handlers are still waited for
 * on stop, and at most a few of them per slot are held at once (concurrencySlots).
 */
export function consumeBounded(
  messages: ConsumerMessages, concurrency: number, handle: (m: JsMsg, freeSlot: () => void) => Promise<void> | undefined,
): ConsumeHandle {
  const running = new Set<Promise<void>>();
  let wake: (() => void) | undefined;
  const wakeLoop = () => { wake?.(); wake = undefined; };
  const slots = concurrencySlots(concurrency, wakeLoop);
  const loop = (async () => {
    for await (const m of messages) {
      while (slots.full(running.size)) await new Promise<void>((r) => { wake = r; });
      const freeSlot = slots.take();
      const task = handle(m, freeSlot);
      if (!task) { freeSlot(); continue; }
      const tracked: Promise<void> = task.finally(() => { running.delete(tracked); freeSlot(); wakeLoop(); });
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
