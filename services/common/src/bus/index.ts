export * from "./types.js";
export { createNatsBus, probeNats, type NatsBusOptions } from "./nats.js";
export { createMemoryBus } from "./memory.js";
export { connectNats, DUPLICATE_WINDOW_NS, ensureStream, NANOS_PER_MS } from "./jetstream-helpers.js";
export {
  consumeRecords, createRecordPublisher, type RecordConsumer, type RecordConsumerOptions, type RecordPublisher, type RecordStreamOptions,
} from "./records.js";
