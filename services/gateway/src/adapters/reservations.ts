// A reserved call that never reached the queue must give its hold back at once; otherwise the
// budget stays pinned until the ledger lets the reservation expire (15 minutes). Each call is
// published on its own so that exactly the unsent ones are released: a call that was published
// keeps its hold, because an executor may still run it and its record settles the reservation.
import type { LedgerClient, Logger, ProviderCall, ProviderResult__Output } from "../../../common/src/index.js";
import type { DispatchOptions } from "../core/orchestrator.js";
import type { CallDispatcher } from "./dispatcher.js";

export function dispatchReleasingUnsent(
  dispatcher: Pick<CallDispatcher, "dispatch">, ledger: Pick<LedgerClient, "release">, logger: Logger,
  calls: ProviderCall[], options: DispatchOptions | undefined, reserved: boolean,
): Promise<ProviderResult__Output[]> {
  if (!reserved) return dispatcher.dispatch(calls, options);
  return Promise.all(calls.map(async (call) => {
    try {
      const [result] = await dispatcher.dispatch([call], options);
      return result!;
    } catch (error) {
      await ledger.release(call.call_id!).catch((releaseError: unknown) => logger.warn(
        { err: releaseError, call_id: call.call_id }, "could not release the reservation of an unsent call; it expires on its own"));
      throw error;
    }
  }));
}
