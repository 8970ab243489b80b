// The learned backend's artifact is a versioned file loaded at start and swapped while running:
// when the file changes it is loaded and validated again; a file that fails to load leaves the
// running model in place (and says so in the log), so a bad deploy never takes routing down.
import { statSync, unwatchFile, watchFile } from "node:fs";
import type { DecideRequest__Output, DecideResponse, Logger } from "../../../common/src/index.js";
import type { PolicyBackend } from "../core/backend.js";

export class HotSwapBackend implements PolicyBackend {
  private current: PolicyBackend;
  private readonly listener: () => void;

  constructor(readonly name: string, private readonly path: string, private readonly load: (path: string) => PolicyBackend,
    private readonly logger: Logger, intervalMs = 2000) {
    this.current = load(path);
    this.listener = () => this.reload();
    watchFile(path, { interval: intervalMs, persistent: false }, this.listener);
  }

  decide(request: DecideRequest__Output): DecideResponse | Promise<DecideResponse> {
    return this.current.decide(request);
  }

  /** Loads the file again; returns whether the new artifact is now serving. */
  reload(): boolean {
    try {
      const next = this.load(this.path);
      this.current = next;
      this.logger.info({ policy: this.name, artifact: this.path, modified: statSync(this.path).mtime.toISOString() }, "artifact reloaded");
      return true;
    } catch (error) {
      this.logger.error({ policy: this.name, artifact: this.path, err: error }, "artifact reload failed; keeping the running one");
      return false;
    }
  }

  close(): void {
    unwatchFile(this.path, this.listener);
  }
}
