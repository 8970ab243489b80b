// Original file: protos/xrouter/chat/v1/chat.proto


export interface ToolCall {
  'id'?: (string);
  /**
   * "function"
   */
  'type'?: (string);
  'function_name'?: (string);
  /**
   * JSON text, exactly as the model produced it
   */
  'function_arguments'?: (string);
}

export interface ToolCall__Output {
  'id': (string);
  /**
   * "function"
   */
  'type': (string);
  'function_name': (string);
  /**
   * JSON text, exactly as the model produced it
   */
  'function_arguments': (string);
}
