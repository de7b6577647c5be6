#!/usr/bin/env bash
# The records gateway under load, next to nginx serving the same bytes, on this machine: a dev
# node, the dev clinic's gateway (rate limits lifted), a patient (//Charlie) who granted lab
# results to //Bob, one lab record at the clinic; then `medledger bench-gateway` (authorised
# fetches by //Bob, each a signed request, the access check and a record sealed to Bob) and `wrk`
# against nginx serving the body of one release as a static file, at the same concurrency.
#
# Usage: scripts/bench-gateway.sh [--concurrency 8] [--duration 30] [--production]
# --production runs the gateway and the load tool of scripts/build-release.sh (the node is the
# development one either way: the gateway asks it little).
# Needs nginx and wrk (scripts/setup.sh installs them). Not part of the tests: see
# docs/gateway-performance.md for the figures and what they mean.
set -euo pipefail
source "$(dirname "$0")/env.sh"

concurrency=8
duration=30
profile=debug
while (($#)); do
  case "$1" in
    --production) profile=production; shift ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    *) echo "usage: $0 [--concurrency N] [--duration S] [--production]" >&2; exit 2 ;;
  esac
done
for tool in nginx wrk; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing: run scripts/setup.sh" >&2; exit 1; }
done

CLI="$CARGO_TARGET_DIR/$profile/medledger"
GATEWAY="$CARGO_TARGET_DIR/$profile/medledger-gateway"
for binary in "$CLI" "$GATEWAY"; do
  [[ -x "$binary" ]] || { echo "error: $binary is missing: scripts/build.sh (or build-release.sh)" >&2; exit 1; }
done
STATE="$(mktemp -d -t medledger-bench-gateway.XXXXXX)"
NODE_PORT=9955
GATEWAY_PORT=8095
NGINX_PORT=8096
pids=()
stop() {
  kill "${pids[@]}" 2>/dev/null || true
  [[ -f "$STATE/nginx.pid" ]] && kill "$(cat "$STATE/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$STATE"
}
trap stop EXIT
for port in $NODE_PORT $GATEWAY_PORT $NGINX_PORT; do
  if listening "$port"; then echo "error: port $port is taken" >&2; exit 1; fi
done
"$MEDLEDGER_NODE" --dev --tmp --rpc-port $NODE_PORT --port 30355 >"$STATE/node.log" 2>&1 &
pids+=($!)
wait_for $NODE_PORT $! "the node" "$STATE/node.log"
export MEDLEDGER_URL="ws://127.0.0.1:$NODE_PORT"

# SQLite, durable on every commit (the gateway's default store).
DATABASE_URL="sqlite://$STATE/gateway.db"
STAFF_TOKEN="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
MEDLEDGER_GATEWAY_IDENTITY=//Alice MEDLEDGER_GATEWAY_STAFF_TOKEN="$STAFF_TOKEN" \
  MEDLEDGER_GATEWAY_DATABASE="$DATABASE_URL" \
  "$GATEWAY" --listen 127.0.0.1:$GATEWAY_PORT --node "$MEDLEDGER_URL" \
  --master-key "$STATE/gateway.key" --init --rate 1000000 --peer-rate 1000000 \
  >"$STATE/gateway.log" 2>&1 &
pids+=($!)
wait_for $GATEWAY_PORT $! "the gateway" "$STATE/gateway.log"

"$CLI" register --as //Charlie >/dev/null 2>&1
"$CLI" register --as //Bob >/dev/null 2>&1
"$CLI" grant --as //Charlie --to //Bob --categories lab-results --purpose treatment --blocks 100800 >/dev/null 2>&1
PATIENT=5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y # //Charlie
(umask 077 && printf 'authorization: Bearer %s\n' "$STAFF_TOKEN" >"$STATE/staff-header")
RECORD="$(curl -fsS -X POST "http://127.0.0.1:$GATEWAY_PORT/v1/records?patient=$PATIENT" -H "@$STATE/staff-header" \
  -H 'content-type: application/fhir+json' --data-binary "@$MEDLEDGER_ROOT/scripts/demo/observation-hba1c.json" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["record"])')"

echo "== gateway ($profile build): $concurrency clients, ${duration} s, record $RECORD"
"$CLI" bench-gateway --gateway "http://127.0.0.1:$GATEWAY_PORT" --as //Bob --record "$RECORD" \
  --concurrency "$concurrency" --duration "$duration" --save-release "$STATE/release.json"

# nginx serving the body of that release as a file, one worker per core, access log off.
# nginx's workers run as an unprivileged user: they must be able to read the file.
mkdir -p "$STATE/www"
cp "$STATE/release.json" "$STATE/www/release.json"
chmod 755 "$STATE" "$STATE/www" && chmod 644 "$STATE/www/release.json"
cat >"$STATE/nginx.conf" <<CONF
worker_processes auto;
pid $STATE/nginx.pid;
error_log $STATE/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $STATE/tmp;
  proxy_temp_path $STATE/tmp;
  fastcgi_temp_path $STATE/tmp;
  uwsgi_temp_path $STATE/tmp;
  scgi_temp_path $STATE/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $STATE/www;
    default_type application/json;
  }
}
CONF
mkdir -p "$STATE/tmp"
nginx -c "$STATE/nginx.conf" -p "$STATE"
wait_for $NGINX_PORT "$(cat "$STATE/nginx.pid")" "nginx" "$STATE/nginx-error.log"
echo "== nginx: the same $(wc -c <"$STATE/release.json") bytes, $concurrency connections, ${duration} s"
wrk -t 2 -c "$concurrency" -d "${duration}s" --latency "http://127.0.0.1:$NGINX_PORT/release.json"
