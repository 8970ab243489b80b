// The architecture's floor: a passthrough proxy with xrouter's hops and nothing else. No routing,
// no protobuf, no auth, no ledger, no run markers: what any gateway built on HTTP in front,
// a JetStream work queue to a worker pool and core NATS back would add at the least, on this
// machine, measured next to xrouter in the same run. Two processes, as xrouter's gateway and
// executor:
//   QUEUED_ROLE=front   node:http in front; publishes each request's body to the work-queue stream
//                       (a message id, no acknowledgement asked for, as the gateway sends a call)
//                       and writes what comes back on its inbox to the client
//   QUEUED_ROLE=worker  a pull consumer (as the executor's); each message goes to the upstream
//                       through one undici keep-alive Pool; the answer goes back with core
//                       publishes: a streamed one chunk by chunk as undici reads it, a plain one
//                       whole; the message is acknowledged when the answer is sent
// Environment: NATS_URL, QUEUED_STREAM, QUEUED_UPSTREAM (worker), QUEUED_PORT (front, 0),
// QUEUED_FRONT=fastify (front: Fastify in front of the same handling, to measure what it costs).
// Two variants measure what the design options for the first token would gain (bench/README.md,
// session 15), both set on the front and the worker alike:
//   QUEUED_DISPATCH=core  the request goes by core NATS to a queue group of workers: no stream
//   QUEUED_RETURN=direct  the answer comes back over a TCP connection from the worker to the
//                         front (length-prefixed frames), not through nats-server
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createConnection, createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { connect, headers as natsHeaders, type Msg } from "@nats-io/transport-node";
import { AckPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from "@nats-io/jetstream";
import { Pool } from "undici";
// the gateway's and the executor's timeline points, for bench:timeline --queued
import { DUPLICATE_WINDOW_NS, mark } from "../../services/common/src/index.js";

const stream = process.env.QUEUED_STREAM ?? "QUEUED";
const subject = `${stream.toLowerCase()}.calls`;
const nc = await connect({ servers: process.env.NATS_URL ?? "127.0.0.1:4222", noAsyncTraces: true });
// a benchmark that died without stopping us: do not outlive it
setInterval(() => { if (process.ppid === 1) process.exit(0); }, 1000).unref();
const ready = (port: number) => process.stdout.write(`${JSON.stringify({ msg: "ready", port })}\n`);
const coreDispatch = process.env.QUEUED_DISPATCH === "core";
const directReturn = process.env.QUEUED_RETURN === "direct";

/** A frame of the direct return: [length][id length][id][status u16][end u8][data]. */
function frame(id: string, status: number, end: boolean, data: Uint8Array): Buffer {
  const idBytes = Buffer.from(id);
  const out = Buffer.allocUnsafe(4 + 1 + idBytes.length + 3 + data.length);
  out.writeUInt32BE(out.length - 4, 0);
  out.writeUInt8(idBytes.length, 4);
  idBytes.copy(out, 5);
  out.writeUInt16BE(status, 5 + idBytes.length);
  out.writeUInt8(end ? 1 : 0, 7 + idBytes.length);
  out.set(data, 8 + idBytes.length);
  return out;
}

if (process.env.QUEUED_ROLE === "worker") {
  const upstream = process.env.QUEUED_UPSTREAM;
  if (!upstream) throw new Error("QUEUED_UPSTREAM is required");
  const pool = new Pool(upstream, { connections: 256, keepAliveTimeout: 60_000 });
  const fronts = new Map<string, Socket>();
  const frontAt = (address: string) => {
    let socket = fronts.get(address);
    if (!socket || socket.destroyed) {
      const [host, port] = [address.slice(0, address.lastIndexOf(":")), Number(address.slice(address.lastIndexOf(":") + 1))];
      socket = createConnection({ host, port, noDelay: true });
      fronts.set(address, socket);
    }
    return socket;
  };
  const serve = (data: Uint8Array, headers: Msg["headers"], done: () => void) => {
    const reply = headers?.get("reply") ?? "";
    const id = reply.slice(reply.lastIndexOf(".") + 1);
    mark("executor.received", id);
    const streamed = headers?.get("stream") === "1";
    const direct = directReturn ? frontAt(headers?.get("reply-addr") ?? "") : undefined;
    const answer = (body: Uint8Array, status: number, end: boolean) => {
      if (direct) { direct.write(frame(id, status, end, body)); return; }
      const h = natsHeaders();
      if (status > 0) h.set("status", String(status));
      if (end) h.set("end", "1");
      nc.publish(reply, body, { headers: h });
    };
    mark("executor.provider", id);
    pool.request({ method: "POST", path: headers?.get("path") ?? "/", headers: { "content-type": "application/json" }, body: data })
      .then(async (res) => {
        let status = res.statusCode;
        if (streamed) {
          for await (const chunk of res.body) {
            if (status > 0) mark("executor.first_token", id);
            answer(chunk as Uint8Array, status, false);
            if (status > 0) mark("executor.delta_sent", id);
            status = 0;
          }
          answer(new Uint8Array(0), status, true);
        } else {
          const whole = new Uint8Array(await res.body.arrayBuffer());
          mark("executor.result_sent", id);
          answer(whole, status, true);
        }
        done();
      }, () => { answer(new Uint8Array(0), 502, true); done(); });
  };
  if (coreDispatch) {
    nc.subscribe(subject, { queue: "workers", callback: (_err, m) => serve(m.data, m.headers, () => undefined) });
    await nc.flush();
    ready(0);
    process.on("SIGTERM", () => { void nc.close().then(() => process.exit(0)); });
  } else {
    const jsm = await jetstreamManager(nc);
    // the call stream's and consumer's settings (services/common/src/bus/nats.ts)
    await jsm.streams.add({
      name: stream, subjects: [subject], retention: RetentionPolicy.Workqueue, storage: StorageType.File, duplicate_window: DUPLICATE_WINDOW_NS,
    });
    await jsm.consumers.add(stream, { durable_name: "worker", ack_policy: AckPolicy.Explicit, ack_wait: 30e9, max_deliver: 5 });
    const messages = await jetstream(nc).consumers.get(stream, "worker").then((c) => c.consume({ max_messages: 64 }));
    ready(0);
    process.on("SIGTERM", () => { void jsm.streams.delete(stream).catch(() => undefined).finally(() => process.exit(0)); });
    for await (const m of messages) serve(m.data, m.headers, () => m.ack());
  }
} else {
  const inbox = `_QUEUED.${stream}`;
  const waiting = new Map<string, { write(status: number, end: boolean, data: Uint8Array): void }>();
  nc.subscribe(`${inbox}.*`, {
    callback: (_err, msg) => waiting.get(msg.subject.slice(inbox.length + 1))
      ?.write(Number(msg.headers?.get("status") ?? 0), msg.headers?.get("end") === "1", msg.data),
  });
  await nc.flush();
  let replyAddress = "";
  if (directReturn) {
    const returns = createTcpServer({ noDelay: true }, (socket) => {
      let pending: Buffer = Buffer.alloc(0);
      socket.on("data", (chunk: Buffer) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
          const frameEnd = 4 + pending.readUInt32BE(0);
          const idLength = pending.readUInt8(4);
          const id = pending.toString("utf8", 5, 5 + idLength);
          const status = pending.readUInt16BE(5 + idLength);
          const end = pending.readUInt8(7 + idLength) === 1;
          const data = pending.subarray(8 + idLength, frameEnd);
          pending = pending.subarray(frameEnd);
          waiting.get(id)?.write(status, end, data);
        }
      });
    });
    await new Promise<void>((resolve) => returns.listen(0, "127.0.0.1", resolve));
    replyAddress = `127.0.0.1:${(returns.address() as AddressInfo).port}`;
  }
  let seq = 0;
  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const id = `r${seq++}`;
    mark("gateway.request", id, { subject: req });
    mark("gateway.decided", id);
    const streamed = body.includes('"stream":true');
    waiting.set(id, {
      write(status, end, data) {
        if (status) {
          mark(streamed ? "gateway.first_delta" : "gateway.result", id);
          res.writeHead(status, { "content-type": streamed ? "text/event-stream" : "application/json", "x-xrouter-request-id": id });
        }
        if (end) {
          waiting.delete(id);
          res.end(data);
        } else {
          res.write(data);
          if (status) mark("gateway.first_write", id);
        }
      },
    });
    const h = natsHeaders();
    h.set("reply", `${inbox}.${id}`);
    h.set("path", req.url ?? "/");
    if (streamed) h.set("stream", "1");
    if (replyAddress) h.set("reply-addr", replyAddress);
    if (!coreDispatch) h.set("Nats-Msg-Id", `${stream}-${id}`);
    mark("gateway.publish", id, { callId: id });
    nc.publish(subject, body, { headers: h });
  };
  if (process.env.QUEUED_FRONT === "fastify") {
    const Fastify = (await import("fastify")).default;
    const app = Fastify({ logger: false });
    app.post("/v1/chat/completions", (request, reply) => {
      reply.hijack();
      handle(request.raw, reply.raw, Buffer.from(JSON.stringify(request.body)));
    });
    await app.listen({ port: Number(process.env.QUEUED_PORT ?? 0), host: "127.0.0.1" });
    app.server.keepAliveTimeout = 60_000;
    ready((app.server.address() as AddressInfo).port);
    process.on("SIGTERM", () => { void app.close(); void nc.close().then(() => process.exit(0)); });
  } else {
    const server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on("data", (chunk: Buffer) => parts.push(chunk));
      req.on("end", () => handle(req, res, Buffer.concat(parts)));
    });
    server.keepAliveTimeout = 60_000;
    server.listen(Number(process.env.QUEUED_PORT ?? 0), "127.0.0.1", () => ready((server.address() as AddressInfo).port));
    process.on("SIGTERM", () => { server.close(); void nc.close().then(() => process.exit(0)); });
  }
}
