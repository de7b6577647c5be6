#!/usr/bin/env bash
# Runs every test: the contracts' unit tests, pallet unit tests and benchmark tests, runtime tests, and the end-to-end
# tests that start real nodes. Extra arguments go to `cargo test` (e.g. a test name filter).
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$MEDLEDGER_ROOT/scripts/setup.sh"
# The gateway's FHIR exports are checked by an independent validator in the Python setup.sh
# made; here a missing validator fails the test instead of skipping it.
export MEDLEDGER_FHIR_VALIDATOR="$MEDLEDGER_FHIR_VENV/bin/python"
export MEDLEDGER_REQUIRE_FHIR_VALIDATOR=1
cd "$MEDLEDGER_ROOT"
# The portal's tests: type check, unit tests and the vectors it shares with the Rust client.
(cd "$MEDLEDGER_ROOT/client/web" && npm test)
# The contracts first: their unit tests, and the wasm the runtime's contract tests deploy.
"$MEDLEDGER_ROOT/scripts/contracts.sh"
# The gateway's store is tested on SQLite and on PostgreSQL.
source "$MEDLEDGER_ROOT/scripts/postgres.sh"
cargo test --locked --no-fail-fast --workspace --features "$MEDLEDGER_FEATURES" "$@"
# The portal against a development node of the build above, then built and driven in a real
# headless Chromium against a node and a records gateway.
(cd "$MEDLEDGER_ROOT/client/web" && npm run test:node && npm run build && npm run test:e2e)
