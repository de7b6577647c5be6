#!/usr/bin/env bash
# The binaries a clinic runs, built with the `production` profile (release, LTO, one codegen
# unit; Cargo.toml): the node without the benchmarking runtime, the records gateway and the CLI,
# into $CARGO_TARGET_DIR/production/. Not the build the tests use (that is scripts/build.sh: one
# profile for the node, the unit tests and the end-to-end tests). A cold build takes far longer
# than the development one; do not run it beside another build on a small machine.
set -euo pipefail
source "$(dirname "$0")/env.sh"
command -v protoc >/dev/null || { echo "error: protoc is missing: run scripts/setup.sh" >&2; exit 1; }
cd "$MEDLEDGER_ROOT"
cargo build --locked --profile production -p medledger-node -p medledger-gateway -p medledger-cli
for binary in medledger-node medledger-gateway medledger; do
  ls -lh "$CARGO_TARGET_DIR/production/$binary"
done
