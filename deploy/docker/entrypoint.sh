#!/bin/sh
# Runs one xrouter service: gateway, policy, executor or ledger.
set -e
service="${1:-gateway}"
case "$service" in
  gateway|policy|executor|ledger) exec node --import tsx --import ./services/common/src/telemetry/register.ts "services/$service/src/main.ts" ;;
  *) echo "unknown service '$service' (gateway | policy | executor | ledger)" >&2; exit 2 ;;
esac
