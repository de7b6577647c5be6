#!/usr/bin/env bash
# Builds the ink! contracts of contracts/ with cargo-contract (release: the code the chain
# runs, with its metadata) and runs their off-chain unit tests. Artifacts land in
# $MEDLEDGER_CONTRACTS_TARGET/ink/<contract>/, where the runtime's contract tests and the CLI
# find them.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MEDLEDGER_ROOT/contracts"
export CARGO_TARGET_DIR="$MEDLEDGER_CONTRACTS_TARGET"
cargo test --locked
for contract in research-study insurance-claim; do
	cargo contract build --release --manifest-path "$contract/Cargo.toml"
done
