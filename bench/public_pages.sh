#!/usr/bin/env bash
# bench/public_pages.sh: what a customer's phone waits for on the public pages (issue 6: the
# help centre must be fast on a slow phone connection).
#
#   bench/public_pages.sh
#
# Seeds a temporary data folder with the demo business (its knowledge base in en/hi/kn and
# PUBLIC_BENCH_TICKETS tickets), starts `sahayak serve` on 127.0.0.1 and, for each public
# page (help-centre home, an article, a Hindi and a Kannada search, the portal's sign-in page,
# the demo web form):
#   - its size in bytes as sent and gzipped, and the estimated time to load it on a slow 3G
#     link (400 kbit/s, 400 ms round trip: one round trip for the connection, one for the
#     request, then the bytes; CSS is cached after the first page and no JavaScript is needed);
#   - its server throughput and p50/p99 latency under wrk (PUBLIC_BENCH_CONNECTIONS
#     connections, PUBLIC_BENCH_DURATION seconds), beside the ceiling measured in the same run:
#     GET /ping, the bare handler.
# Prints a markdown table (also bench/out/public_pages.md). Figures, not tests.
#
# Environment: PUBLIC_BENCH_TICKETS=1000, PUBLIC_BENCH_DURATION=10,
# PUBLIC_BENCH_CONNECTIONS=16, BENCH_BUILD=build/release, BENCH_KEEP=0.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BENCH_BUILD:-$ROOT/build/release}
SAHAYAK=$BUILD/sahayak
TICKETS=${PUBLIC_BENCH_TICKETS:-1000}
DURATION=${PUBLIC_BENCH_DURATION:-10}
CONNS=${PUBLIC_BENCH_CONNECTIONS:-16}
OUT_DIR=$ROOT/bench/out

for tool in wrk curl gzip awk python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
[[ -x $SAHAYAK ]] || { echo "bench: $SAHAYAK is missing; build the release preset first" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sahayak-public-bench-XXXXXX")
SERVER_PID=
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "bench: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

"$SAHAYAK" --data "$WORK/data" seed-demo --tickets "$TICKETS" >"$WORK/seed.log" 2>&1
SAHAYAK_RATE_LIMIT_PER_MINUTE=0 "$SAHAYAK" --data "$WORK/data" serve --listen 127.0.0.1:0 \
  --port-file "$WORK/port" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  [[ -s $WORK/port ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench: the server exited" >&2; cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
BASE=http://127.0.0.1:$(grep -Eo '[0-9]+' "$WORK/port" | tail -1)

# The first article of the first section, and the demo form's key (through the admin API).
SECTION=$(curl -s "$BASE/help/en" | grep -Eo '/help/en/sections/[0-9]+' | head -1 || true)
ARTICLE=$(curl -s "$BASE${SECTION:-/help/en}" | grep -Eo '/help/en/articles/[0-9]+' | head -1 || true)
[[ -n $ARTICLE ]] || { echo "bench: the help centre lists no article" >&2; exit 1; }
JAR=$WORK/cookies
CSRF=$(curl -s -c "$JAR" -H 'Content-Type: application/json' \
  -d '{"email":"admin@demo.sahayak.local","password":"sahayak-demo"}' "$BASE/api/v1/auth/login" |
  python3 -c 'import json,sys; print(json.load(sys.stdin).get("csrf_token",""))')
FORM_KEY=$(curl -s -b "$JAR" "$BASE/api/v1/web-forms" |
  python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]; print(next(f["key"] for f in d if f["enabled"]))')
: "$CSRF"
q() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

PAGES=(
  "help centre home (hi)|/help/hi"
  "article (en)|$ARTICLE"
  "search पार्सल (hi)|/help/hi/search?q=$(q 'पार्सल')"
  "search ಪಾರ್ಸೆಲ್ (kn)|/help/kn/search?q=$(q 'ಪಾರ್ಸೆಲ್')"
  "portal sign-in (kn)|/portal/sign-in?lang=kn"
  "web form (hi)|/forms/$FORM_KEY?lang=hi"
)

# wrk's figures for one URL: "req/s p50_ms p99_ms non2xx"
measure() {
  local out
  out=$(wrk -t 2 -c "$CONNS" -d "${DURATION}s" --latency "$BASE$1" 2>&1)
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad }' <<<"$out"
}

read -r PING_RPS PING_P50 PING_P99 _ < <(measure /ping)
{
  echo "| page | bytes | gzipped | slow 3G load | req/s | p50 ms | p99 ms | req/s ÷ /ping |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| GET /ping (ceiling) | | | | $PING_RPS | $PING_P50 | $PING_P99 | 1.00 |"
  for entry in "${PAGES[@]}"; do
    name=${entry%%|*}; path=${entry#*|}
    code=$(curl -s -o "$WORK/page" -w '%{http_code}' "$BASE$path")
    [[ $code == 200 ]] || { echo "bench: GET $path gave $code" >&2; exit 1; }
    bytes=$(wc -c <"$WORK/page"); gz=$(gzip -9c "$WORK/page" | wc -c)
    read -r rps p50 p99 bad < <(measure "$path")
    (( bad == 0 )) || { echo "bench: $bad non-2xx answers for $path" >&2; exit 1; }
    awk -v n="$name" -v b="$bytes" -v g="$gz" -v r="$rps" -v a="$p50" -v z="$p99" -v pr="$PING_RPS" 'BEGIN {
      printf "| %s | %d | %d | %.2f s | %d | %.2f | %.2f | %.2f |\n", n, b, g, 0.8 + b * 8 / 400000, r, a, z, r / pr }'
  done
  echo
  echo "Slow 3G: 400 kbit/s and 400 ms round trip, uncompressed bytes (the server does not gzip)."
  echo "$TICKETS demo tickets; wrk 2 threads x $CONNS connections, ${DURATION}s per page; $(nproc) CPUs."
} | tee "$WORK/table.md"
mkdir -p "$OUT_DIR" && cp "$WORK/table.md" "$OUT_DIR/public_pages.md"
