#!/usr/bin/env bash
# Builds the node (with its runtime) and every test into the shared target dir.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$MEDLEDGER_ROOT/scripts/setup.sh"
cd "$MEDLEDGER_ROOT"
# The node binary comes out of the same build as the tests (dev-dependencies unify features):
# building it alone would resolve other features and compile much of the tree a second time.
cargo test --locked --workspace --features "$MEDLEDGER_FEATURES" --no-run
echo "built $MEDLEDGER_NODE" >&2
