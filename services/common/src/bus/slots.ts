// Concurrency slots of the bounded consumers (consumeBounded over JetStream, the in-memory bus),
// so that both count a delivery that only waits to settle (CallDelivery.freeSlot) the same way.

/** How many deliveries that only wait to settle (CallDelivery.freeSlot) one concurrency slot may leave behind. */
const UNSETTLED_PER_SLOT = 8;

/**
 * A consumer's concurrency slots: `take()` occupies one and returns its release (idempotent;
 * `onFree` runs when a slot frees). Full while every slot is taken, or while `unsettled`
 * deliveries (slot freed or not) reach UNSETTLED_PER_SLOT per slot.
 */
export function concurrencySlots(concurrency: number, onFree: () => void) {
  let busy = 0;
  return {
    full: (unsettled: number) => busy >= concurrency || unsettled >= concurrency * UNSETTLED_PER_SLOT,
    take(): () => void {
      busy += 1;
      let holding = true;
      return () => {
        if (!holding) return;
        holding = false;
        busy -= 1;
        onFree();
      };
    },
  };
}
