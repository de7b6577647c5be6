# Shared settings of the scripts: sourced, not run.
#
# Cargo's target dir lives outside the clone so that every clone on this machine (yours, CI's)
# reuses one warm build. One feature set for everything: the node, the unit tests and the
# end-to-end tests share a single build, and `benchmark pallet` works with the same binary.

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/medledger/target}"
export MEDLEDGER_FEATURES="${MEDLEDGER_FEATURES:-runtime-benchmarks}"
# The node's WebRTC transport (litep2p's str0m) asks for a vendored OpenSSL, four minutes of C
# on a cold build: link Debian's instead (setup.sh installs libssl-dev).
export OPENSSL_NO_VENDOR=1
# Tools the project installs itself (cargo-contract), cached beside the target dir.
export MEDLEDGER_TOOLS="${MEDLEDGER_TOOLS:-$HOME/.cache/medledger/tools}"
export PATH="$HOME/.cargo/bin:$MEDLEDGER_TOOLS/bin:$PATH"
# The ink! contracts build with their own toolchain (contracts/rust-toolchain.toml) into their
# own target dir; the runtime's contract tests read the artifacts from its `ink/` folder.
export MEDLEDGER_CONTRACTS_TARGET="${MEDLEDGER_CONTRACTS_TARGET:-$HOME/.cache/medledger/contracts-target}"
# A 2-core machine: more parallel test binaries than cores only slows the node tests down.
export RUST_TEST_THREADS="${RUST_TEST_THREADS:-2}"

MEDLEDGER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MEDLEDGER_ROOT
export MEDLEDGER_NODE="$CARGO_TARGET_DIR/debug/medledger-node"
# The runtime's wasm from the same build (with `runtime-benchmarks`): what scripts/benchmark.sh
# measures. The dev profile leaves it uncompressed (only release profiles get the
# `.compact.compressed.wasm`).
export MEDLEDGER_RUNTIME_WASM="$CARGO_TARGET_DIR/debug/wbuild/medledger-runtime/medledger_runtime.wasm"
# A Python with fhir.resources (made by setup.sh): the independent validator of the gateway's
# FHIR exports, scripts/fhir_validate.py.
export MEDLEDGER_FHIR_VENV="${MEDLEDGER_FHIR_VENV:-$HOME/.cache/medledger/fhir-venv}"

# Whether something listens on 127.0.0.1:$1.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Wait up to a minute for port $1, while process $2 lives; else say that $3 did not start (its
# log in $4) and exit.
wait_for() {
  for _ in $(seq 1 300); do
    listening "$1" && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.2
  done
  echo "error: $3 did not start (see $4)" >&2
  exit 1
}
# The toolchain channel a rust-toolchain.toml names ($1: its folder).
toolchain_of() { sed -n 's/^channel = "\(.*\)"/\1/p' "$1/rust-toolchain.toml"; }
# Installs crate $1 at version $2 with toolchain $3 (`cargo install --locked`) into
# $MEDLEDGER_TOOLS, unless that version is there. Each crate builds in a dir of its own (two
# installs at once neither wait for nor delete each other's), kept until its install ends so
# that an interrupted build resumes.
install_tool() {
  local crate=$1 version=$2 toolchain=$3
  cargo install --list --root "$MEDLEDGER_TOOLS" 2>/dev/null | grep -qx "$crate v$version:" && return 0
  echo "installing $crate $version into $MEDLEDGER_TOOLS" >&2
  rustup toolchain list | grep -q "^$toolchain" || rustup toolchain install "$toolchain" --profile minimal
  (cd "$HOME" && cargo "+$toolchain" install "$crate" --version "$version" --locked \
    --root "$MEDLEDGER_TOOLS" --target-dir "$MEDLEDGER_TOOLS/build/$crate") || return 1
  rm -rf "$MEDLEDGER_TOOLS/build/$crate"
}
