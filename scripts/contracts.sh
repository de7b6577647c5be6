#!/usr/bin/env bash
# Builds the ink! contracts of contracts/ with cargo-contract (release: the code the chain
# runs, with its metadata) and runs their off-chain unit tests. Artifacts land in
# $MEDLEDGER_CONTRACTS_TARGET/ink/<contract>/, where the runtime's contract tests and the CLI
# find them.
set -euo pipefail
source "$(dirname "$0")/env.sh"
# Their toolchain (contracts/rust-toolchain.toml: ink! 5.1 breaks on newer Rust) and
# cargo-contract 5.0.3, built once into $MEDLEDGER_TOOLS (about 17 minutes cold on 2 cores).
cd "$MEDLEDGER_ROOT/contracts"
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
install_tool cargo-contract 5.0.3 "$(toolchain_of .)"
export CARGO_TARGET_DIR="$MEDLEDGER_CONTRACTS_TARGET"
cargo test --locked
for contract in research-study insurance-claim; do
	cargo contract build --release --manifest-path "$contract/Cargo.toml"
done
