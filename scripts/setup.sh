#!/usr/bin/env bash
# Installs what a fresh Debian machine with rustup lacks to build MedLedger. Safe to re-run.
set -euo pipefail
source "$(dirname "$0")/env.sh"

need_apt=()
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
command -v cc >/dev/null || need_apt+=(build-essential)
command -v git >/dev/null || need_apt+=(git)
# OpenSSL's headers, for the node's WebRTC transport (env.sh: OPENSSL_NO_VENDOR).
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
pkg-config --exists openssl 2>/dev/null || need_apt+=(libssl-dev)
# PostgreSQL's server, for the gateway's store tests (scripts/postgres.sh).
command -v pg_ctl >/dev/null || compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need_apt+=(postgresql)
# Node.js and npm, for the portal's tests (client/web) and zombienet.
command -v npm >/dev/null || need_apt+=(nodejs npm)
# Debian's Chromium, for the portal's browser tests (playwright-core drives it; it downloads no
# browser of its own).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# nginx and wrk, for the gateway's load figures next to a static server (scripts/bench-gateway.sh).
command -v nginx >/dev/null || need_apt+=(nginx)
command -v wrk >/dev/null || need_apt+=(wrk)
# Python's venv, for the FHIR validator's environment below (Debian splits it out of python3).
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if ((${#need_apt[@]})); then
	echo "setup: installing ${need_apt[*]}" >&2
	sudo_cmd=()
	[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
	"${sudo_cmd[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need_apt[@]}"
fi

if ! command -v rustup >/dev/null; then
	echo "setup: rustup is required (https://rustup.rs); install it and re-run" >&2
	exit 1
fi
# rust-toolchain.toml names the toolchain, the wasm target and rust-src: make rustup fetch them.
cd "$MEDLEDGER_ROOT"
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
for target in wasm32-unknown-unknown wasm32v1-none; do
	rustup target list --installed | grep -q "^$target\$" || rustup target add "$target"
done
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
mkdir -p "$CARGO_TARGET_DIR"

# fhir.resources, which scripts/fhir_validate.py checks the gateway's FHIR exports with, in a
# venv of its own; remade when missing or of another version.
fhir_resources=8.3.0
fhir_python="$MEDLEDGER_FHIR_VENV/bin/python"
if ! "$fhir_python" -c "import sys, importlib.metadata as m; sys.exit(m.version('fhir.resources') != '$fhir_resources')" 2>/dev/null; then
	echo "setup: installing fhir.resources $fhir_resources into $MEDLEDGER_FHIR_VENV" >&2
	python3 -m venv --clear "$MEDLEDGER_FHIR_VENV"
	"$fhir_python" -m pip install --quiet --disable-pip-version-check "fhir.resources==$fhir_resources"
fi

# The portal's packages (client/web), at the versions its package-lock.json pins: installed
# again when the lock file changed since the last install. `npm install`, not `npm ci`: the
# package mirror of this workplace serves only the Linux builds of packages that come in one
# build per platform (rollup's), so the lock cannot list the others, and `npm ci` refuses a lock
# without them. `npm install` installs what the lock pins and leaves the lock as it is.
web="$MEDLEDGER_ROOT/client/web"
if [[ ! -f "$web/node_modules/.package-lock.json" || "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]]; then
	echo "setup: installing the portal's packages" >&2
	(cd "$web" && npm install --no-audit --no-fund)
fi
