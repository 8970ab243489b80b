// Preloaded into the gateway and the executors by `bench/timeline.ts` (node --import): records
// the marks the services publish on the `xrouter:timeline` diagnostics channel (common's
// telemetry/timeline.ts), plus, for the gateway, when Node's HTTP server saw each request begin
// ("http.arrived") and when its response left ("http.finished"), and after the points in YIELDS
// when that process's next write to NATS returned ("<point>+written") and its turn ended
// ("<point>+yield").
// One line per stamp, "<point> <id> <ns> [<call id>]", written to $XR_TIMELINE_LOG every half
// second and at exit. Plain JavaScript so the compiled services load it without tsx.
import { subscribe } from "node:diagnostics_channel";
import { appendFileSync } from "node:fs";
import { Socket } from "node:net";

const file = process.env.XR_TIMELINE_LOG;
const NATS_PORT = Number(process.env.NATS_URL?.split(":").pop() ?? 4222) || 4222;
const natsWriteDue = [];
const YIELDS = new Set(["gateway.publish", "executor.provider", "executor.delta_sent", "executor.result_sent"]);
if (file) {
  const arrivals = new WeakMap();
  let lines = "";
  const requestIds = new WeakMap();
  subscribe("http.server.request.start", ({ request }) => { arrivals.set(request, process.hrtime.bigint()); });
  // the response is on its way: Node emits this once the last of it was handed to the socket
  subscribe("http.server.response.finish", ({ request }) => {
    const id = requestIds.get(request);
    if (id) lines += `http.finished ${id} ${process.hrtime.bigint()}\n`;
  });
  subscribe("xrouter:timeline", ({ point, id, callId, subject, atNs }) => {
    if (subject) requestIds.set(subject, id);
    const arrived = subject && arrivals.get(subject);
    if (arrived) lines += `http.arrived ${id} ${arrived}\n`;
    lines += callId ? `${point} ${id} ${atNs} ${callId}\n` : `${point} ${id} ${atNs}\n`;
    // when the process gives the core up after this point (the end of the event loop's turn): on
    // one shared core, the next process on the path cannot run before
    if (YIELDS.has(point)) {
      setImmediate(() => { lines += `${point}+yield ${id} ${process.hrtime.bigint()}\n`; });
      // and when the next write to NATS after it returned (what it published leaves then)
      natsWriteDue.push(`${point}+written ${id}`);
    }
  });
  const write = Socket.prototype.write;
  Socket.prototype.write = function (...args) {
    const result = write.apply(this, args);
    if (natsWriteDue.length && this.remotePort === NATS_PORT) {
      const at = process.hrtime.bigint();
      for (const due of natsWriteDue.splice(0)) lines += `${due} ${at}\n`;
    }
    return result;
  };
  const flush = () => { if (lines) { appendFileSync(file, lines); lines = ""; } };
  setInterval(flush, 500).unref();
  process.on("exit", flush);
}
