// One place that loads the contracts in protos/: gRPC service definitions for @grpc/grpc-js and
// protobuf codecs for the payloads carried on NATS. Conversion options match the generated types
// (snake_case fields, int64 as number, enums as strings, defaults filled in, oneof names set).
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import protobuf from "protobufjs";
import { join } from "node:path";
import { REPO_ROOT } from "./repo-root.js";
import type { ProtoGrpcType as PolicyProto } from "./generated/policy.js";
import type { ProtoGrpcType as LedgerProto } from "./generated/ledger.js";
import type { ProviderCall, ProviderCall__Output } from "./generated/xrouter/executor/v1/ProviderCall.js";
import type { ProviderEvent, ProviderEvent__Output } from "./generated/xrouter/executor/v1/ProviderEvent.js";
import type { ProviderResult, ProviderResult__Output } from "./generated/xrouter/executor/v1/ProviderResult.js";
import type { DecideRequest, DecideRequest__Output } from "./generated/xrouter/policy/v1/DecideRequest.js";
import type { DecideResponse, DecideResponse__Output } from "./generated/xrouter/policy/v1/DecideResponse.js";
import type { CancelCall, CancelCall__Output } from "./generated/xrouter/executor/v1/CancelCall.js";
import type { RunStarted, RunStarted__Output } from "./generated/xrouter/executor/v1/RunStarted.js";
import type { RecordBatch, RecordBatch__Output } from "./generated/xrouter/ledger/v1/RecordBatch.js";

export const PROTO_ROOT = join(REPO_ROOT, "protos");

const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

function loadGrpc<T>(file: string): T {
  const definition = protoLoader.loadSync(file, LOADER_OPTIONS);
  return grpc.loadPackageDefinition(definition) as unknown as T;
}

export const policyProto = loadGrpc<PolicyProto>("xrouter/policy/v1/policy.proto");
export const ledgerProto = loadGrpc<LedgerProto>("xrouter/ledger/v1/ledger.proto");

export interface Codec<In, Out> {
  encode(value: In): Uint8Array;
  decode(bytes: Uint8Array): Out;
}

const root = new protobuf.Root();
root.resolvePath = (_origin, target) => `${PROTO_ROOT}/${target}`;
root.loadSync(["xrouter/executor/v1/calls.proto", "xrouter/policy/v1/policy.proto", "xrouter/ledger/v1/records.proto"], { keepCase: true });

const TO_OBJECT: protobuf.IConversionOptions = {
  longs: Number, enums: String, defaults: true, arrays: true, objects: true, oneofs: true,
};

function codec<In, Out>(typeName: string): Codec<In, Out> {
  const type = root.lookupType(typeName);
  return {
    encode: (value) => type.encode(type.fromObject(value as Record<string, unknown>)).finish(),
    decode: (bytes) => type.toObject(type.decode(bytes), TO_OBJECT) as Out,
  };
}

/**
 * For a message with no enum field, whose values the type system already holds to their wire types:
 * encoded as it is, without `fromObject`'s copy (a third of a call's encoding on the gateway's path).
 */
function plainCodec<In, Out>(typeName: string): Codec<In, Out> {
  const type = root.lookupType(typeName);
  return {
    encode: (value) => type.encode(value as Record<string, unknown>).finish(),
    decode: (bytes) => type.toObject(type.decode(bytes), TO_OBJECT) as Out,
  };
}

/**
 * plainCodec for a message whose enum fields `toWire` turns into their numbers; where it cannot
 * (undefined), the message goes through `fromObject` as before.
 */
function convertingCodec<In, Out>(typeName: string, toWire: (value: In) => In | undefined): Codec<In, Out> {
  const viaFromObject = codec<In, Out>(typeName);
  const plain = plainCodec<In, Out>(typeName);
  return {
    encode: (value) => {
      const wire = toWire(value);
      return wire ? plain.encode(wire) : viaFromObject.encode(value);
    },
    decode: plain.decode,
  };
}

const CALL_STATUS = root.lookupEnum("xrouter.executor.v1.CallStatus").values;

/**
 * A result with its status, its one enum field (proto.test.ts checks there is no other), as the
 * number the wire carries; undefined for a status name the enum lacks (left to `fromObject`).
 */
function resultForWire(result: ProviderResult): ProviderResult | undefined {
  const status = result.status;
  if (typeof status !== "string") return result;
  const number = CALL_STATUS[status];
  return number === undefined ? undefined : { ...result, status: number as unknown as ProviderResult["status"] };
}

/** The gateway's call, the hottest encoding (no enums: see plainCodec; proto.test.ts holds both ways to the same bytes). */
export const providerCallCodec = plainCodec<ProviderCall, ProviderCall__Output>("xrouter.executor.v1.ProviderCall");
/** Stream deltas and results, the executor's hottest encodings (the result's status as its number). */
export const providerEventCodec = convertingCodec<ProviderEvent, ProviderEvent__Output>("xrouter.executor.v1.ProviderEvent", (event) => {
  if (!event.result) return event;
  const result = resultForWire(event.result);
  return result && { ...event, result };
});
export const cancelCallCodec = codec<CancelCall, CancelCall__Output>("xrouter.executor.v1.CancelCall");
/** For the gateway's in-process fallback policy: a request with every default filled in, as gRPC delivers it. */
export const decideRequestCodec = codec<DecideRequest, DecideRequest__Output>("xrouter.policy.v1.DecideRequest");
export const decideResponseCodec = codec<DecideResponse, DecideResponse__Output>("xrouter.policy.v1.DecideResponse");
export const providerResultCodec = convertingCodec<ProviderResult, ProviderResult__Output>("xrouter.executor.v1.ProviderResult", resultForWire);
export const runStartedCodec = codec<RunStarted, RunStarted__Output>("xrouter.executor.v1.RunStarted");
export const recordBatchCodec = codec<RecordBatch, RecordBatch__Output>("xrouter.ledger.v1.RecordBatch");
