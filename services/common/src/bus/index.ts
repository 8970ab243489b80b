export * from "./types.js";
export { createNatsBus, probeNats, type NatsBusOptions } from "./nats.js";
export { createMemoryBus } from "./memory.js";
