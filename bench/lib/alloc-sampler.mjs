// Preloaded into a service by `bench:profile --alloc` (node --import). V8's sampling heap profiler,
// asked to keep the objects that garbage collection already took, samples what the process
// allocates, not what it keeps: SIGUSR2 starts it, the next SIGUSR2 writes the profile to
// $XR_ALLOC_PROFILE_DIR and stops it. With XR_ALLOC_LIVE=1 (`--alloc-live`) it keeps only what no
// collection took: what the window's requests left alive, or promoted and not yet marked dead.
// Plain JavaScript so the compiled services load it without tsx.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const dir = process.env.XR_ALLOC_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let sampling = false;
  process.on("SIGUSR2", () => {
    if (!sampling) {
      session.post("HeapProfiler.startSampling", {
        samplingInterval: 512, includeObjectsCollectedByMajorGC: !process.env.XR_ALLOC_LIVE, includeObjectsCollectedByMinorGC: !process.env.XR_ALLOC_LIVE,
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
