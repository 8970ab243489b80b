// Original file: protos/xrouter/chat/v1/chat.proto

import type { Long } from '@grpc/proto-loader';

export interface Usage {
  /**
   * all prompt tokens, cached ones included
   */
  'input_tokens'?: (number | string | Long);
  /**
   * all completion tokens, reasoning ones included
   */
  'output_tokens'?: (number | string | Long);
  /**
   * billed at the cached-input rate
   */
  'cached_input_tokens'?: (number | string | Long);
  'reasoning_tokens'?: (number | string | Long);
  /**
   * Anthropic cache creation, billed at its own rate
   */
  'cache_write_tokens'?: (number | string | Long);
  /**
   * true when counted by our tokenizer, not reported by the provider
   */
  'estimated'?: (boolean);
}

export interface Usage__Output {
  /**
   * all prompt tokens, cached ones included
   */
  'input_tokens': (number);
  /**
   * all completion tokens, reasoning ones included
   */
  'output_tokens': (number);
  /**
   * billed at the cached-input rate
   */
  'cached_input_tokens': (number);
  'reasoning_tokens': (number);
  /**
   * Anthropic cache creation, billed at its own rate
   */
  'cache_write_tokens': (number);
  /**
   * true when counted by our tokenizer, not reported by the provider
   */
  'estimated': (boolean);
}
