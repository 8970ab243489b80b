// The holds a budgeted key's calls take, between the Reserve before a call and the record that
// settles it. A reserved call that never reached the queue gives its hold back at once; otherwise
// the budget stays pinned until the ledger lets the reservation expire (15 minutes). Each call is
// published on its own so that exactly the unsent ones are released: a call that was published
// keeps its hold, because an executor may still run it and its record settles the reservation.
// A call that finished lowers its hold to what it cost before its answer goes out: its record
// comes over the records stream a moment later, and the key's next request must not be refused
// for the worst case of a call that cost a fraction of it.
import type { LedgerClient, Logger, ProviderCall, ProviderResult__Output } from "../../../common/src/index.js";
import type { DispatchOptions } from "../core/orchestrator.js";
import type { CallDispatcher } from "./dispatcher.js";

export function dispatchReleasingUnsent(
  dispatcher: Pick<CallDispatcher, "dispatch">, ledger: Pick<LedgerClient, "release" | "shrinkReservation">, logger: Logger,
  calls: ProviderCall[], options: DispatchOptions | undefined, reserved: boolean,
): Promise<ProviderResult__Output[]> {
  if (!reserved) return dispatcher.dispatch(calls, options);
  return Promise.all(calls.map(async (call) => {
    let result: ProviderResult__Output;
    try {
      [result] = (await dispatcher.dispatch([call], options)) as [ProviderResult__Output];
    } catch (error) {
      await ledger.release(call.call_id!).catch((releaseError: unknown) => logger.warn(
        { err: releaseError, call_id: call.call_id }, "could not release the reservation of an unsent call; it expires on its own"));
      throw error;
    }
    // only an executor's result is final; the gateway's own stand-in (it stopped waiting: a timeout or
    // a cancel) is not, and the call keeps its whole hold: it may still cost up to its worst case
    if (result.executor_id) {
      await ledger.shrinkReservation(call.call_id!, result.cost_nanousd).catch((shrinkError: unknown) => logger.warn(
        { err: shrinkError, call_id: call.call_id }, "could not lower a finished call's hold; its record settles it"));
    }
    return result;
  }));
}
