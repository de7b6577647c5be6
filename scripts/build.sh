#!/usr/bin/env bash
# Builds the node (with its runtime) into the shared target dir.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$MEDLEDGER_ROOT/scripts/setup.sh"
cd "$MEDLEDGER_ROOT"
cargo build --locked -p medledger-node --features "$MEDLEDGER_FEATURES"
echo "built $MEDLEDGER_NODE" >&2
