#!/usr/bin/env bash
#
# The whole overview of the Sample Customer (subscribed to every product module ./run starts: the four usage
# products, the five backup products, policy and risk), composed on every request: starts the distribution as
# ./run does, with `dashboard.reuse.ms = 0` (each request composes the dashboard again; the per-widget view cache
# stays as shipped), then measures GET /api/v1/customers/{id}/dashboard with wrk, sequentially (1 connection) and
# under 8 concurrent connections, and prints wrk's latency distribution. Needs the built distribution
# (mvn -q -DskipTests install -pl karaf-assembly -am), wrk and curl. Stops only the server it started.
#
#   benchmarks/overview/run.sh                 30 s per run
#   BENCH_SECONDS=60 benchmarks/overview/run.sh
#   BENCH_REUSE_MS=10000 benchmarks/overview/run.sh   the shipped default (composed dashboards reused), to compare
#   SIGHTLINE_DB_URL='jdbc:h2:file:/tmp/sightline-backup-bench/db' benchmarks/overview/run.sh
#       on a database that already holds more (here the backup benchmark's 10 000 customers); ./run reads it
#
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_PER_RUN="${BENCH_SECONDS:-30}"
REUSE_MS="${BENCH_REUSE_MS:-0}"
command -v wrk >/dev/null || { echo "wrk is not on the PATH (apt-get install -y wrk)" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
HTTP_PORT="$(free_port)"
SSH_PORT="$(free_port)"
OUT="$(mktemp -d)"
SIGHTLINE_SKIP_BUILD=1 SIGHTLINE_HTTP_PORT="$HTTP_PORT" SIGHTLINE_SSH_PORT="$SSH_PORT" "$ROOT/run" >"$OUT/run.log" 2>&1 &
RUN_PID=$!
trap 'kill -TERM $RUN_PID 2>/dev/null; wait $RUN_PID 2>/dev/null; rm -rf "$OUT"' EXIT
for _ in $(seq 1 600); do
    grep -q "Sightline is running" "$OUT/run.log" && break
    kill -0 $RUN_PID 2>/dev/null || { cat "$OUT/run.log"; exit 1; }
    sleep 0.5
done
PASSWORD="$(sed -n 's/.*login: admin \/ \([A-Za-z0-9]*\).*/\1/p' "$OUT/run.log")"
[[ -n "$PASSWORD" ]] || { echo "the server did not start" >&2; cat "$OUT/run.log"; exit 1; }
AUTH="Authorization: Basic $(printf 'admin:%s' "$PASSWORD" | base64)"
BASE="http://127.0.0.1:$HTTP_PORT/api/v1"
ID="$(curl -s -H "$AUTH" "$BASE/customers?q=SAMPLE-0001" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
URL="$BASE/customers/$ID/dashboard"
# compose every request: the distribution ships no etc/org.sightline.core.cfg, so write one (Karaf's file
# install hands it to the composer, which Declarative Services restarts with it)
printf 'dashboard.reuse.ms = %s\n' "$REUSE_MS" >"$ROOT/target/run/etc/org.sightline.core.cfg"
# wait for every product module ./run starts (eleven) to be registered, then for the configuration to be applied
for _ in $(seq 1 240); do
    n="$(curl -s -H "$AUTH" "$BASE/products" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d.get("items", d) if isinstance(d, dict) else d))' 2>/dev/null || echo 0)"
    [[ "$n" -ge 11 ]] && break
    sleep 0.5
done
echo "products registered: $n"
sleep 10
curl -s -H "$AUTH" "$URL" >"$OUT/dashboard.json"
python3 - "$OUT/dashboard.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
widgets = d.get("widgets", [])
products = sorted({w.get("productId") or w.get("product") or "?" for w in widgets})
errors = [w.get("id") for w in widgets if w.get("error")]
print(f"overview: {len(widgets)} widgets of {len(products)} products {products}, {len(errors)} error cards, "
      f"{len(open(sys.argv[1],'rb').read())} bytes")
PY
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in 1 8; do
    t=$(( c < 2 ? 1 : 2 ))
    wrk -t$t -c$c -d5s -H "$AUTH" "$URL" >/dev/null   # warm-up
    echo "== $c connection(s), $SECONDS_PER_RUN s, dashboard.reuse.ms=$REUSE_MS"
    wrk -t$t -c$c -d"${SECONDS_PER_RUN}s" --latency --timeout 5s -H "$AUTH" "$URL" | sed -n '/Latency Distribution/,/Transfer/p'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
