#!/usr/bin/env bash
# Builds the node and runs a one-provider development chain (state in a temporary dir).
# Extra arguments go to the node, e.g. `scripts/run-dev.sh --rpc-external`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$MEDLEDGER_ROOT/scripts/build.sh"
exec "$MEDLEDGER_NODE" --dev --tmp "$@"
