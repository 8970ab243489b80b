#!/bin/sh
# The image's entry point, also on PATH as `xrouter` for `docker compose exec` / `kubectl exec`:
#   xrouter gateway | policy | executor | ledger     run one service
#   xrouter create-key --tenant T [--name N]         create an API key through the ledger
#   xrouter fake openai | anthropic | vllm           a fake provider or router LLM (the `fakes` image)
set -e
cd "${XROUTER_APP_DIR:-/app}"
command="${1:-gateway}"
[ "$#" -gt 0 ] && shift
case "$command" in
  gateway|policy|executor|ledger)
    # V8 as npm start sets it (scripts/lib/service-command.ts): an 8 MiB young generation, old
    # space grown to 1.5x what survived (bench/README.md, session 6), and a request's code
    # optimised sooner (JIT_FLAGS there, session 14)
    V8_FLAGS="--max-semi-space-size=8 --heap-growing-percent=50 --minimum-invocations-after-ic-update=20 --interrupt-budget=8192"
    # and malloc's as service-command.ts's SERVICE_ENV sets it: start-up's freed memory handed back
    export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-131072}"
    # the compiled build when there is one (the image: npm run build), the sources through tsx otherwise
    if [ -f "dist/services/$command/src/main.js" ]; then
      exec node $V8_FLAGS --import ./dist/services/common/src/telemetry/register.js "dist/services/$command/src/main.js" "$@"
    fi
    exec node $V8_FLAGS --import tsx --import ./services/common/src/telemetry/register.ts "services/$command/src/main.ts" "$@" ;;
  create-key)
    exec node --import tsx deploy/tools/create-key.ts "$@" ;;
  fake)
    if [ ! -f deploy/fakes/main.ts ]; then echo "the fakes are only in the image built with --target fakes" >&2; exit 2; fi
    exec node --import tsx deploy/fakes/main.ts "$@" ;;
  *)
    echo "unknown command '$command' (gateway | policy | executor | ledger | create-key | fake)" >&2; exit 2 ;;
esac
