// Single-process mode: when no NATS server is reachable, `npm start` runs the executors inside the
// gateway process on the in-memory bus. Same executor code, same contract, no network hop.
import type { CallBus } from "../../common/src/index.js";

export async function startEmbeddedExecutors(_bus: CallBus, _ledgerAddress: string, _count: number): Promise<{ stop(): Promise<void> }> {
  throw new Error("embedded executors are not wired yet");
}
