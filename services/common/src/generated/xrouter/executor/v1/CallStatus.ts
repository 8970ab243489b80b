// Original file: protos/xrouter/executor/v1/calls.proto

export const CallStatus = {
  CALL_STATUS_UNSPECIFIED: 'CALL_STATUS_UNSPECIFIED',
  CALL_STATUS_OK: 'CALL_STATUS_OK',
  /**
   * the provider answered with an error that will not go away
   */
  CALL_STATUS_FAILED: 'CALL_STATUS_FAILED',
  CALL_STATUS_TIMEOUT: 'CALL_STATUS_TIMEOUT',
  CALL_STATUS_CANCELLED: 'CALL_STATUS_CANCELLED',
  /**
   * retries exhausted on retryable errors
   */
  CALL_STATUS_UNAVAILABLE: 'CALL_STATUS_UNAVAILABLE',
  /**
   * A run whose executor went away without a word (SIGKILL, a crash) after it may have reached the
   * provider: a later delivery found the run's RunStarted and no result. Its outcome is unknown,
   * so it is billed at the worst case the gateway reserved (usage estimated); the run's own
   * record, should it still arrive, replaces it.
   */
  CALL_STATUS_LOST: 'CALL_STATUS_LOST',
} as const;

export type CallStatus =
  | 'CALL_STATUS_UNSPECIFIED'
  | 0
  | 'CALL_STATUS_OK'
  | 1
  /**
   * the provider answered with an error that will not go away
   */
  | 'CALL_STATUS_FAILED'
  | 2
  | 'CALL_STATUS_TIMEOUT'
  | 3
  | 'CALL_STATUS_CANCELLED'
  | 4
  /**
   * retries exhausted on retryable errors
   */
  | 'CALL_STATUS_UNAVAILABLE'
  | 5
  /**
   * A run whose executor went away without a word (SIGKILL, a crash) after it may have reached the
   * provider: a later delivery found the run's RunStarted and no result. Its outcome is unknown,
   * so it is billed at the worst case the gateway reserved (usage estimated); the run's own
   * record, should it still arrive, replaces it.
   */
  | 'CALL_STATUS_LOST'
  | 6

export type CallStatus__Output = typeof CallStatus[keyof typeof CallStatus]
