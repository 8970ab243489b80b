// One side of the NATS floor measurement (nats-floor.ts), as a process of its own:
//   FLOOR_ROLE=echo   the executor's stand-in: consumes the work-queue stream with a pull consumer
//                     (as the executor does) and answers each message at once with a core NATS
//                     publish to the subject in its header (as the executor sends a first token)
//   FLOOR_ROLE=drive  the gateway's stand-in: publishes to the stream's subject at a fixed rate with
//                     a message id and no acknowledgement asked for (as the gateway sends a call),
//                     and times each until the echo's answer
//   FLOOR_MODE=core   no stream: the echo queue-subscribes the subject with core NATS, so the
//                     difference to the default (jetstream) is what the durable queue costs
// Environment: NATS_URL, FLOOR_STREAM, FLOOR_MODE, FLOOR_RATES ("50,200"), FLOOR_SECONDS, FLOOR_PAYLOAD_BYTES.
// The driver prints one JSON line: { rate: { p50, p90, p99, n } } in milliseconds.
import { connect, headers } from "@nats-io/transport-node";
import { AckPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from "@nats-io/jetstream";
import { DUPLICATE_WINDOW_NS } from "../../services/common/src/index.js";

const url = process.env.NATS_URL ?? "127.0.0.1:4222";
const stream = process.env.FLOOR_STREAM ?? "FLOOR";
const subject = `${stream.toLowerCase()}.calls`;
const nc = await connect({ servers: url, noAsyncTraces: true });
setInterval(() => { if (process.ppid === 1) process.exit(0); }, 1000).unref();

if (process.env.FLOOR_ROLE === "echo" && process.env.FLOOR_MODE === "core") {
  nc.subscribe(subject, { queue: "echo", callback: (_err, m) => nc.publish(m.headers?.get("reply") ?? "", "token") });
  await nc.flush();
  process.stdout.write(`${JSON.stringify({ msg: "ready", port: 0 })}\n`);
  process.on("SIGTERM", () => process.exit(0));
} else if (process.env.FLOOR_ROLE === "echo") {
  const jsm = await jetstreamManager(nc);
  // the call stream's own settings (services/common/src/bus/nats.ts)
  await jsm.streams.add({ name: stream, subjects: [subject], retention: RetentionPolicy.Workqueue, storage: StorageType.File, duplicate_window: DUPLICATE_WINDOW_NS });
  await jsm.consumers.add(stream, { durable_name: "echo", ack_policy: AckPolicy.Explicit, ack_wait: 30e9 });
  const messages = await jetstream(nc).consumers.get(stream, "echo").then((c) => c.consume({ max_messages: 64 }));
  process.stdout.write(`${JSON.stringify({ msg: "ready", port: 0 })}\n`);
  process.on("SIGTERM", () => { void jsm.streams.delete(stream).catch(() => undefined).finally(() => process.exit(0)); });
  for await (const m of messages) {
    nc.publish(m.headers?.get("reply") ?? "", "token");
    m.ack();
  }
} else {
  const inbox = `_FLOOR.${stream}`;
  const waiting = new Map<string, (at: number) => void>();
  const answers = nc.subscribe(`${inbox}.*`, { callback: (_err, msg) => waiting.get(msg.subject.slice(inbox.length + 1))?.(performance.now()) });
  await nc.flush();
  const payload = new Uint8Array(Number(process.env.FLOOR_PAYLOAD_BYTES ?? 600)).fill(120);
  const seconds = Number(process.env.FLOOR_SECONDS ?? 5);
  const out: Record<string, { p50: number; p90: number; p99: number; n: number }> = {};
  let seq = 0;
  const one = () => new Promise<number>((resolve, reject) => {
    const id = `m${seq++}`;
    const h = headers();
    h.set("reply", `${inbox}.${id}`);
    const started = performance.now();
    const timer = setTimeout(() => { waiting.delete(id); reject(new Error("no answer within 5 s")); }, 5000);
    waiting.set(id, (at) => { clearTimeout(timer); waiting.delete(id); resolve(at - started); });
    h.set("Nats-Msg-Id", id);
    nc.publish(subject, payload, { headers: h });
  });
  for (let i = 0; i < 50; i += 1) await one(); // warm-up
  for (const rate of (process.env.FLOOR_RATES ?? "50,200").split(",").map(Number)) {
    const samples: number[] = [];
    const pending: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < rate * seconds; i += 1) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(one().then((ms) => { samples.push(ms); }));
    }
    await Promise.all(pending);
    samples.sort((a, b) => a - b);
    const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
    out[rate] = { p50: at(0.5), p90: at(0.9), p99: at(0.99), n: samples.length };
  }
  answers.unsubscribe();
  process.stdout.write(`${JSON.stringify({ msg: "floor", rates: out })}\n`);
  await nc.close();
  process.exit(0);
}
