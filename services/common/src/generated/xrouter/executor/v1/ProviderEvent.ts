// Original file: protos/xrouter/executor/v1/calls.proto

import type { ProviderDelta as _xrouter_executor_v1_ProviderDelta, ProviderDelta__Output as _xrouter_executor_v1_ProviderDelta__Output } from '../../../xrouter/executor/v1/ProviderDelta.js';
import type { ProviderResult as _xrouter_executor_v1_ProviderResult, ProviderResult__Output as _xrouter_executor_v1_ProviderResult__Output } from '../../../xrouter/executor/v1/ProviderResult.js';

export interface ProviderEvent {
  'delta'?: (_xrouter_executor_v1_ProviderDelta | null);
  'result'?: (_xrouter_executor_v1_ProviderResult | null);
  'event'?: "delta"|"result";
}

export interface ProviderEvent__Output {
  'delta'?: (_xrouter_executor_v1_ProviderDelta__Output | null);
  'result'?: (_xrouter_executor_v1_ProviderResult__Output | null);
  'event'?: "delta"|"result";
}
