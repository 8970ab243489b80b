// Original file: protos/xrouter/policy/v1/policy.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DecideRequest as _xrouter_policy_v1_DecideRequest, DecideRequest__Output as _xrouter_policy_v1_DecideRequest__Output } from '../../../xrouter/policy/v1/DecideRequest.js';
import type { DecideResponse as _xrouter_policy_v1_DecideResponse, DecideResponse__Output as _xrouter_policy_v1_DecideResponse__Output } from '../../../xrouter/policy/v1/DecideResponse.js';

export interface PolicyServiceClient extends grpc.Client {
  Decide(argument: _xrouter_policy_v1_DecideRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_policy_v1_DecideResponse__Output>): grpc.ClientUnaryCall;
  Decide(argument: _xrouter_policy_v1_DecideRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_policy_v1_DecideResponse__Output>): grpc.ClientUnaryCall;
  Decide(argument: _xrouter_policy_v1_DecideRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_policy_v1_DecideResponse__Output>): grpc.ClientUnaryCall;
  Decide(argument: _xrouter_policy_v1_DecideRequest, callback: grpc.requestCallback<_xrouter_policy_v1_DecideResponse__Output>): grpc.ClientUnaryCall;
  decide(argument: _xrouter_policy_v1_DecideRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_policy_v1_DecideResponse__Output>): grpc.ClientUnaryCall;
  decide(argument: _xrouter_policy_v1_DecideRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_policy_v1_DecideResponse__Output>): grpc.ClientUnaryCall;
  decide(argument: _xrouter_policy_v1_DecideRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_policy_v1_DecideResponse__Output>): grpc.ClientUnaryCall;
  decide(argument: _xrouter_policy_v1_DecideRequest, callback: grpc.requestCallback<_xrouter_policy_v1_DecideResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface PolicyServiceHandlers extends grpc.UntypedServiceImplementation {
  Decide: grpc.handleUnaryCall<_xrouter_policy_v1_DecideRequest__Output, _xrouter_policy_v1_DecideResponse>;
  
}

export interface PolicyServiceDefinition extends grpc.ServiceDefinition {
  Decide: MethodDefinition<_xrouter_policy_v1_DecideRequest, _xrouter_policy_v1_DecideResponse, _xrouter_policy_v1_DecideRequest__Output, _xrouter_policy_v1_DecideResponse__Output>
}
