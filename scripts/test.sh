#!/usr/bin/env bash
# Runs every test: pallet unit tests and benchmark tests, runtime tests, and the end-to-end
# tests that start real nodes. Extra arguments go to `cargo test` (e.g. a test name filter).
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$MEDLEDGER_ROOT/scripts/setup.sh"
cd "$MEDLEDGER_ROOT"
# The gateway's store is tested on SQLite and on PostgreSQL.
source "$MEDLEDGER_ROOT/scripts/postgres.sh"
cargo test --locked --no-fail-fast --workspace --features "$MEDLEDGER_FEATURES" "$@"
