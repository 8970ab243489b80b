export * from "./types.js";
export { createNatsBus, probeNats, type NatsBusOptions } from "./nats.js";
export { createMemoryBus } from "./memory.js";
export { ensureStream } from "./jetstream-helpers.js";
export {
  consumeRecords, createRecordPublisher, type RecordConsumer, type RecordConsumerOptions, type RecordPublisher, type RecordStreamOptions,
} from "./records.js";
