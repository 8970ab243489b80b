// What becomes of the hold a budgeted call took before it was sent (a Reserve of its own, or its
// worst case drawn from the gateway's budget lease) once the call is dispatched. A call that never
// reached the queue gives its hold back at once. A call that finished lowers its hold to what it
// cost before its answer goes out: its record comes over the records stream a moment later, and
// the key's next request must not be refused for the worst case of a call that cost a fraction of
// it. A call the gateway stopped waiting for (a timeout, a cancel) keeps its whole hold: an
// executor may still run it, and its record settles the hold. Each call is published on its own,
// so that exactly the unsent ones give theirs back.
import type { LedgerClient, Logger, ProviderCall, ProviderResult__Output } from "../../../common/src/index.js";
import type { DispatchOptions } from "../core/orchestrator.js";
import type { BudgetLeases, LeaseDraw } from "./budget-leases.js";
import type { CallDispatcher } from "./dispatcher.js";

export interface CallHold {
  /** The call never reached the queue. */
  unsent(): Promise<void>;
  /** An executor answered; the call cost this much. */
  finished(costNanoUsd: number): Promise<void>;
  /** The gateway stopped waiting; the call may still run. */
  abandoned(): void;
}

export function dispatchSettlingHolds(
  dispatcher: Pick<CallDispatcher, "dispatch">, holds: ReadonlyMap<string, CallHold>,
  calls: ProviderCall[], options: DispatchOptions | undefined,
): Promise<ProviderResult__Output[]> {
  if (holds.size === 0) return dispatcher.dispatch(calls, options);
  return Promise.all(calls.map(async (call) => {
    const hold = holds.get(call.call_id!);
    let result: ProviderResult__Output;
    try {
      [result] = (await dispatcher.dispatch([call], options)) as [ProviderResult__Output];
    } catch (error) {
      await hold?.unsent();
      throw error;
    }
    // only an executor's result is final; the gateway's own stand-in is not
    if (result.executor_id) await hold?.finished(result.cost_nanousd);
    else hold?.abandoned();
    return result;
  }));
}

export interface HoldAsk { reservationId: string; keyId: string; requestId: string; modelId: string; amountNanoUsd: number }

/** Holds a call's worst case: drawn from the key's budget lease when the gateway leases, else a Reserve of its own. */
export async function takeHold(
  from: { budgetLeases?: BudgetLeases; ledger: Pick<LedgerClient, "reserve" | "release" | "shrinkReservation">; logger: Logger },
  ask: HoldAsk,
): Promise<{ ok: true; hold: CallHold; budgetLeaseId?: string } | { ok: false; reason: string }> {
  if (from.budgetLeases) {
    const drawn = await from.budgetLeases.draw(ask.keyId, ask.amountNanoUsd);
    if (!drawn.ok) return drawn;
    return { ok: true, hold: leaseHold(from.budgetLeases, drawn.draw), budgetLeaseId: drawn.draw.book.leaseId };
  }
  const reserved = await from.ledger.reserve({
    reservation_id: ask.reservationId, key_id: ask.keyId, request_id: ask.requestId, model_id: ask.modelId, amount_nanousd: ask.amountNanoUsd,
  });
  if (!reserved.ok) return { ok: false, reason: reserved.denied_reason };
  return { ok: true, hold: reservationHold(from.ledger, from.logger, ask.reservationId) };
}

/** The hold of a call reserved on its own (Reserve under its call id): each change is a ledger call. */
export function reservationHold(ledger: Pick<LedgerClient, "release" | "shrinkReservation">, logger: Logger, callId: string): CallHold {
  return {
    async unsent() {
      await ledger.release(callId).catch((error: unknown) => logger.warn(
        { err: error, call_id: callId }, "could not release the reservation of an unsent call; it expires on its own"));
    },
    async finished(cost) {
      await ledger.shrinkReservation(callId, cost).catch((error: unknown) => logger.warn(
        { err: error, call_id: callId }, "could not lower a finished call's hold; its record settles it"));
    },
    abandoned() {},
  };
}

/** The hold of a call drawn from a budget lease: the lease's books change in memory. */
export function leaseHold(leases: Pick<BudgetLeases, "undraw" | "finish">, draw: LeaseDraw): CallHold {
  return {
    async unsent() { leases.undraw(draw); },
    async finished(cost) { leases.finish(draw, cost); },
    abandoned() { leases.finish(draw); },
  };
}
