#!/usr/bin/env bash
# The newcomer's command: a development chain, the dev clinic's records gateway holding a few
# demo records of a demo patient, and the patient and clinic portal, all on this machine.
# Prints the URL to open and the demo patient's 12 words. Ctrl-C stops everything; all state
# lives in a temporary directory and goes with it.
#
# Extra arguments go to the node, e.g. `scripts/run-dev.sh --rpc-external`.
# Ports: node 9944 (JSON-RPC), gateway 8080 (the dev clinic's endpoint on chain), portal 5173.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$MEDLEDGER_ROOT/scripts/build.sh"
(cd "$MEDLEDGER_ROOT/client/web" && { [ -d node_modules ] || npm install --no-audit --no-fund; } && npm run build)

CLI="$CARGO_TARGET_DIR/debug/medledger"
GATEWAY="$CARGO_TARGET_DIR/debug/medledger-gateway"
PORTAL_ORIGIN="http://127.0.0.1:5173"
DEMO_PHRASE="legal winner thank year wave sausage worth useful legal winner thank yellow"
STATE="$(mktemp -d -t medledger-dev.XXXXXX)"
pids=()
stop() {
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$STATE"
}
trap stop EXIT
trap 'exit 130' INT TERM

for port in 9944 8080 5173 30333 30334; do
  if listening "$port"; then
    echo "error: port $port is taken (another MedLedger, or another program): stop it first" >&2
    exit 1
  fi
done

# The node keeps the state of every finalized block (the portal replays the disclosures from
# it) and listens for browser peers on a WebSocket address (the portal's light client), with a
# fixed node key so that the chain spec can name it.
NODE_KEY=0000000000000000000000000000000000000000000000000000000000000001
PEER_ID=12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp
"$MEDLEDGER_NODE" --dev --base-path "$STATE/node" --state-pruning archive-canonical --node-key "$NODE_KEY" \
  --listen-addr /ip4/127.0.0.1/tcp/30333 --listen-addr /ip4/127.0.0.1/tcp/30334/ws "$@" >"$STATE/node.log" 2>&1 &
pids+=($!)
wait_for 9944 $! "the node" "$STATE/node.log"

STAFF_TOKEN="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
MEDLEDGER_GATEWAY_IDENTITY=//Alice MEDLEDGER_GATEWAY_STAFF_TOKEN="$STAFF_TOKEN" \
  "$GATEWAY" --listen 127.0.0.1:8080 --database "sqlite://$STATE/gateway.db" --master-key "$STATE/gateway.key" \
  --init --report-every 2 --cors-origin "$PORTAL_ORIGIN" >"$STATE/gateway.log" 2>&1 &
pids+=($!)
wait_for 8080 $! "the gateway" "$STATE/gateway.log"

# The demo patient: funded by the dev clinic, registered, lab results granted to the clinic for
# treatment, and three records at the clinic.
export MEDLEDGER_KEYSTORE="$STATE/keystore" MEDLEDGER_PASSPHRASE="demo passphrase"
PATIENT="$(echo "$DEMO_PHRASE" | "$CLI" --json keys recover --name demo |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["account"])')"
"$CLI" transfer --as //Alice --to demo --amount 5 >/dev/null
"$CLI" register --as demo >/dev/null
"$CLI" grant --as demo --to //Alice --categories lab-results --purpose treatment --blocks 100800 >/dev/null
# The staff token goes to curl in a file, not on its command line (which `ps` shows).
(umask 077 && printf 'authorization: Bearer %s\n' "$STAFF_TOKEN" >"$STATE/staff-header")
for record in "$MEDLEDGER_ROOT"/scripts/demo/*.json; do
  curl -fsS -X POST "http://127.0.0.1:8080/v1/records?patient=$PATIENT" -H "@$STATE/staff-header" \
    -H 'content-type: application/fhir+json' --data-binary "@$record" >/dev/null
done

# A development chain: the portal accepts development names (//Alice) as keys. Its light
# client (`?light`) starts from the chain spec, whose boot node is the node above.
printf '{ "node": "ws://127.0.0.1:9944", "dev": true }\n' >"$MEDLEDGER_ROOT/client/web/dist/config.json"
"$MEDLEDGER_NODE" export-chain-spec --chain dev --raw 2>/dev/null |
  python3 -c 'import json, sys; s = json.load(sys.stdin); s["bootNodes"] = [sys.argv[1]]; json.dump(s, sys.stdout)' \
    "/ip4/127.0.0.1/tcp/30334/ws/p2p/$PEER_ID" >"$MEDLEDGER_ROOT/client/web/dist/chain-spec.json"
(cd "$MEDLEDGER_ROOT/client/web" && exec node_modules/.bin/vite preview --port 5173 >"$STATE/portal.log" 2>&1) &
pids+=($!)
wait_for 5173 $! "the portal" "$STATE/portal.log"

cat <<TEXT

  MedLedger is running.

  Open  $PORTAL_ORIGIN/          (or $PORTAL_ORIGIN/?light: the browser follows the chain itself)
  Demo patient's 12 words (choose "I have my 12 words"):
        $DEMO_PHRASE
  Clinic staff: the words "//Alice" (the dev clinic, sole council member).

  Node ws://127.0.0.1:9944 · gateway http://127.0.0.1:8080 · logs in $STATE
  Ctrl-C stops everything.
TEXT
wait
