#!/usr/bin/env bash
# Runs one zombienet test (or all, with no argument) against the node of this checkout:
#   scripts/zombienet.sh 0001-blocks-and-peers
# Builds the node, writes the raw `local` chain spec, installs the zombienet CLI (pinned in
# zombienet/package-lock.json) if needed, then runs `zombienet test` with the native provider.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$MEDLEDGER_ROOT/scripts/build.sh"

work="${MEDLEDGER_ZOMBIENET_DIR:-$HOME/.cache/medledger/zombienet}"
mkdir -p "$work"
export MEDLEDGER_SPEC="$work/local-raw.json"
"$MEDLEDGER_NODE" build-spec --chain local --raw --disable-default-bootnode 2>/dev/null >"$MEDLEDGER_SPEC"

if ! command -v npm >/dev/null; then
	echo "zombienet: installing Node.js and npm" >&2
	sudo_cmd=()
	[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
	"${sudo_cmd[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq nodejs npm
fi
cd "$MEDLEDGER_ROOT/zombienet"
if [[ ! -x node_modules/.bin/zombienet ]]; then
	npm ci --no-audit --no-fund
fi

tests=("$@")
if [[ ${#tests[@]} -eq 0 ]]; then
	mapfile -t tests < <(ls tests/*.zndsl | xargs -n1 basename | sed 's/\.zndsl$//')
fi
for test in "${tests[@]}"; do
	echo "== zombienet test $test" >&2
	start=$SECONDS
	# Zombienet's own timeout covers each assertion; this one covers a hang of the whole run.
	timeout 1800 node_modules/.bin/zombienet --provider native --logType text \
		test "tests/${test%.zndsl}.zndsl"
	echo "== $test passed in $((SECONDS - start)) s" >&2
done
