// Original file: protos/xrouter/chat/v1/chat.proto

import type { Long } from '@grpc/proto-loader';

export interface SamplingParams {
  'temperature'?: (number | string);
  'top_p'?: (number | string);
  /**
   * always set before a call leaves the gateway
   */
  'max_tokens'?: (number);
  'stop'?: (string)[];
  'seed'?: (number | string | Long);
  'n'?: (number);
  'user'?: (string);
  /**
   * OpenAI `tools`, passed through verbatim
   */
  'tools_json'?: (string);
  'tool_choice_json'?: (string);
  'response_format_json'?: (string);
  '_temperature'?: "temperature";
  '_top_p'?: "top_p";
  '_seed'?: "seed";
}

export interface SamplingParams__Output {
  'temperature'?: (number);
  'top_p'?: (number);
  /**
   * always set before a call leaves the gateway
   */
  'max_tokens': (number);
  'stop': (string)[];
  'seed'?: (number);
  'n': (number);
  'user': (string);
  /**
   * OpenAI `tools`, passed through verbatim
   */
  'tools_json': (string);
  'tool_choice_json': (string);
  'response_format_json': (string);
  '_temperature'?: "temperature";
  '_top_p'?: "top_p";
  '_seed'?: "seed";
}
