#!/usr/bin/env bash
# Measures a pallet's weights on this machine with the node's `benchmark pallet` command and
# writes them into the pallet's `src/weights.rs`. Usage: scripts/benchmark.sh pallet_providers
set -euo pipefail
source "$(dirname "$0")/env.sh"
pallet="${1:?usage: scripts/benchmark.sh <pallet, e.g. pallet_providers>}"
crate_dir="$MEDLEDGER_ROOT/pallets/$(tr _ - <<<"${pallet#pallet_}")"
[[ -d "$crate_dir" ]] || { echo "no pallet at $crate_dir" >&2; exit 1; }
"$MEDLEDGER_ROOT/scripts/build.sh"
cd "$MEDLEDGER_ROOT"
"$MEDLEDGER_NODE" benchmark pallet \
	--chain dev \
	--pallet "$pallet" \
	--extrinsic '*' \
	--steps 20 \
	--repeat 10 \
	--wasm-execution compiled \
	--heap-pages 4096 \
	--template .maintain/frame-weight-template.hbs \
	--output "$crate_dir/src/weights.rs"
