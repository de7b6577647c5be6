#!/usr/bin/env bash
# How cost grows with state: the same measurements on a small chain and on one holding a region's
# consent. Not part of the tests (it takes a while); docs/scale.md has the figures.
#
# Usage: scripts/scale-test.sh [patients, default 100000]
#
# For each of two chains, "small" (100 patients) and "large" (the given number), each patient
# with 10 grants and 10 document sets (runtime/examples/scale_state.rs writes their genesis):
#   - the generated spec's size and the time to make it;
#   - a dev clinic's node (Alice, the one provider) started on it: seconds to its first block;
#   - the `medledger_*` RPC latencies, p50 and p99 (scripts/rpc_latency.py);
#   - grants and revocations at block capacity (`medledger bench-ceiling`), and the node's own
#     time to build each full block (its "Prepared block" log lines);
#   - the database's size;
#   - a fresh clinic's node joining by full sync, then another by warp sync: seconds until its
#     finalized block reaches the one the first node had finalized when it started.
# Results go to $SCALE_DIR (default ~/.cache/medledger/scale), one folder per chain; the specs
# are kept there and reused.
set -euo pipefail
source "$(dirname "$0")/env.sh"
patients="${1:-100000}"
SCALE_DIR="${SCALE_DIR:-$HOME/.cache/medledger/scale}"
GENERATOR="$CARGO_TARGET_DIR/debug/examples/scale_state"
CLI="$CARGO_TARGET_DIR/debug/medledger"
"$MEDLEDGER_ROOT/scripts/build.sh"
for binary in "$MEDLEDGER_NODE" "$GENERATOR" "$CLI"; do
  [[ -x "$binary" ]] || { echo "error: $binary is missing" >&2; exit 1; }
done
mkdir -p "$SCALE_DIR"

RPC=9966
NODE_KEY=0000000000000000000000000000000000000000000000000000000000000001
PEER_ID=12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp
pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; pids=(); }
trap stop EXIT

rpc() { # method, params (JSON) on port $1
  curl -fsS -H 'content-type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":${3:-[]}}" "http://127.0.0.1:$1"
}
finalized() { # the finalized block number of the node on port $1
  local hash
  hash=$(rpc "$1" chain_getFinalizedHead | jq -r .result) || return 1
  rpc "$1" chain_getHeader "[\"$hash\"]" | jq -r '.result.number' | xargs printf '%d\n'
}
wait_until() { # seconds, a description, then a command that succeeds when it is so
  local limit=$1 what=$2 start=$SECONDS
  shift 2
  until "$@" 2>/dev/null; do
    ((SECONDS - start < limit)) || { echo "error: $what took over ${limit}s" >&2; exit 1; }
    sleep 0.5
  done
}
at_least() { local n; n=$(finalized "$1") && ((n >= $2)); }

measure() { # name, patients
  local name=$1 count=$2 out="$SCALE_DIR/$1" spec="$SCALE_DIR/$1.json"
  rm -rf "$out" && mkdir -p "$out"
  if [[ ! -s "$spec" ]]; then
    "$MEDLEDGER_NODE" build-spec --chain dev --raw 2>/dev/null >"$SCALE_DIR/dev.json"
    local t0=$SECONDS
    "$GENERATOR" "$SCALE_DIR/dev.json" "$spec.tmp" "$count" 2>&1 | tail -1 | tee "$out/generate.txt"
    echo "generated in $((SECONDS - t0)) s" | tee -a "$out/generate.txt"
    mv "$spec.tmp" "$spec"
  fi
  echo "spec: $(du -m "$spec" | cut -f1) MB" | tee "$out/summary.txt"

  local t0=$SECONDS
  "$MEDLEDGER_NODE" --chain "$spec" --alice --validator --force-authoring --base-path "$out/alice" \
    --node-key "$NODE_KEY" --listen-addr /ip4/127.0.0.1/tcp/30366 --rpc-port $RPC \
    --rpc-max-request-size 64 --rpc-max-connections 1000 --no-prometheus --no-telemetry \
    >"$out/alice.log" 2>&1 &
  pids+=($!)
  wait_until 1800 "the node's start" at_least $RPC 1
  echo "first finalized block after: $((SECONDS - t0)) s" | tee -a "$out/summary.txt"

  python3 "$MEDLEDGER_ROOT/scripts/rpc_latency.py" "http://127.0.0.1:$RPC" "$count" >"$out/rpc.json"
  MEDLEDGER_URL="ws://127.0.0.1:$RPC" "$CLI" --json bench-ceiling --count 8000 --senders 100 \
    >"$out/ceiling.json" 2>"$out/ceiling.log"
  # The node's time to build each block, with the number of extrinsics in it.
  grep -o 'Prepared block for proposing at [0-9]* ([0-9]* ms).*extrinsics_count: [0-9]*' "$out/alice.log" |
    sed 's/Prepared block for proposing at \([0-9]*\) (\([0-9]*\) ms).*extrinsics_count: \([0-9]*\)/\1 \2 \3/' \
    >"$out/blocks.txt"
  echo "database: $(du -sm "$out/alice" | cut -f1) MB" | tee -a "$out/summary.txt"

  # Warp sync starts only with three peers (sc-network-sync's minimum): the nodes that joined by
  # full sync stay up as the second and third.
  local mode port=9967 key=2
  for mode in full full warp; do
    local target
    target=$(finalized $RPC)
    t0=$SECONDS
    "$MEDLEDGER_NODE" --chain "$spec" --base-path "$out/join-$key" --sync "$mode" \
      --node-key "$(printf '%064x' $key)" --bootnodes "/ip4/127.0.0.1/tcp/30366/p2p/$PEER_ID" \
      --listen-addr "/ip4/127.0.0.1/tcp/$((30365 + key))" --rpc-port $port --no-prometheus \
      --no-telemetry >"$out/join-$key-$mode.log" 2>&1 &
    pids+=($!)
    wait_until 3600 "the $mode sync" at_least $port "$target"
    echo "$mode sync to block $target: $((SECONDS - t0)) s" | tee -a "$out/summary.txt"
    ((port++, key++))
  done
  stop
}

# SCALE_CHAINS="large" measures one of the two.
for name in ${SCALE_CHAINS:-small large}; do
  measure "$name" "$([[ $name == small ]] && echo 100 || echo "$patients")"
done
for name in ${SCALE_CHAINS:-small large}; do
  echo "== $name"
  cat "$SCALE_DIR/$name/summary.txt" "$SCALE_DIR/$name/rpc.json"
done
