#!/usr/bin/env bash
# Measures a pallet's weights on this machine and writes them into the pallet's `src/weights.rs`.
# Usage: scripts/benchmark.sh pallet_providers
#
# The runner is `frame-omni-bencher` (the stable2609 release, 0.28.0), installed once into
# $MEDLEDGER_TOOLS: it runs the runtime's wasm from the development build, so the node the
# scripts build carries no benchmarking CLI and a cold build skips that CLI's tree.
set -euo pipefail
source "$(dirname "$0")/env.sh"
pallet="${1:?usage: scripts/benchmark.sh <pallet, e.g. pallet_providers>}"
crate_dir="$MEDLEDGER_ROOT/pallets/$(tr _ - <<<"${pallet#pallet_}")"
[[ -d "$crate_dir" ]] || { echo "no pallet at $crate_dir" >&2; exit 1; }
"$MEDLEDGER_ROOT/scripts/build.sh"
# Its build compiles RocksDB's bindings (sc-cli's default features), which need libclang; and
# RocksDB's C++, so the first install takes about half an hour on 2 cores.
if ! dpkg -s libclang-dev >/dev/null 2>&1; then
	sudo_cmd=()
	[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
	DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq libclang-dev
fi
install_tool frame-omni-bencher 0.28.0 "$(toolchain_of "$MEDLEDGER_ROOT")"
cd "$MEDLEDGER_ROOT"
# The runtime's wasm as the build above made it: with `runtime-benchmarks`, and the genesis of
# the `development` preset, the one `--dev` starts from.
frame-omni-bencher v1 benchmark pallet \
	--runtime "$MEDLEDGER_RUNTIME_WASM" \
	--genesis-builder runtime \
	--genesis-builder-preset development \
	--pallet "$pallet" \
	--extrinsic '*' \
	--steps 20 \
	--repeat 10 \
	--wasm-execution compiled \
	--heap-pages 4096 \
	--template .maintain/frame-weight-template.hbs \
	--output "$crate_dir/src/weights.rs"
