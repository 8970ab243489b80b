// Preloaded into a service by `bench:profile --alloc` (node --import). V8's sampling heap profiler,
// asked to keep the objects that garbage collection already took, samples what the process
// allocates, not what it keeps: SIGUSR2 starts it, the next SIGUSR2 writes the profile to
// $XR_ALLOC_PROFILE_DIR and stops it. XR_ALLOC_KEEP says which objects a collection took it still
// counts: `all` (the default: what was allocated), `none` (`--alloc-live`: what the window's
// requests left alive, or promoted and not yet marked dead) or `major` (`--alloc-promoted`: what
// survived the young generation's collections, i.e. what scavenges copied and promoted, whether a
// mark-compact took it later or not).
// Plain JavaScript so the compiled services load it without tsx.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const dir = process.env.XR_ALLOC_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  const keep = process.env.XR_ALLOC_KEEP ?? "all";
  let sampling = false;
  process.on("SIGUSR2", () => {
    if (!sampling) {
      session.post("HeapProfiler.startSampling", {
        samplingInterval: 512, includeObjectsCollectedByMajorGC: keep !== "none", includeObjectsCollectedByMinorGC: keep === "all",
      });
      sampling = true;
      return;
    }
    // an in-process session answers synchronously
    session.post("HeapProfiler.stopSampling", (error, result) => {
      if (!error) writeFileSync(join(dir, `${process.pid}.heapprofile`), JSON.stringify(result.profile));
    });
    sampling = false;
  });
}
