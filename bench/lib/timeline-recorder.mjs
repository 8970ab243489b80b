// Preloaded into the gateway and the executors by `bench/timeline.ts` (node --import): records
// the marks the services publish on the `xrouter:timeline` diagnostics channel (common's
// telemetry/timeline.ts), plus, for the gateway, when Node's HTTP server saw each request begin.
// One line per stamp, "<point> <id> <ns> [<call id>]", written to $XR_TIMELINE_LOG every half
// second and at exit. Plain JavaScript so the compiled services load it without tsx.
import { subscribe } from "node:diagnostics_channel";
import { appendFileSync } from "node:fs";

const file = process.env.XR_TIMELINE_LOG;
if (file) {
  const arrivals = new WeakMap();
  let lines = "";
  subscribe("http.server.request.start", ({ request }) => { arrivals.set(request, process.hrtime.bigint()); });
  subscribe("xrouter:timeline", ({ point, id, callId, subject, atNs }) => {
    const arrived = subject && arrivals.get(subject);
    if (arrived) lines += `http.arrived ${id} ${arrived}\n`;
    lines += callId ? `${point} ${id} ${atNs} ${callId}\n` : `${point} ${id} ${atNs}\n`;
  });
  const flush = () => { if (lines) { appendFileSync(file, lines); lines = ""; } };
  setInterval(flush, 500).unref();
  process.on("exit", flush);
}
