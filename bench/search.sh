#!/usr/bin/env bash
# bench/search.sh: search benchmark, part g of bench/run.sh, also runnable alone. See
# bench/README.md ("g. Search").
#
#   bench/search.sh [WORK_DIR]
#
# On a data folder seeded with SEARCH_BENCH_TICKETS demo tickets (about 3 messages each, in
# English, Hindi, Kannada and Hinglish), each figure beside its ceiling from the same run:
#   1. index build: `sahayak --data DIR reindex` (tickets/s; target >= 5,000/s) against
#      reading the same subjects and messages from SQLite with the sqlite3 shell; the index
#      size on disk (du DIR/search);
#   2. query latency p50/p99 over HTTP (one keep-alive connection, `sahayak serve`) for one
#      word, two words, three words, a phrase, filters only (status:open priority:high ...)
#      and a word with a filter, SEARCH_BENCH_QUERIES (200) queries per class drawn from the
#      seeded corpus itself in English/Hinglish, Hindi and Kannada (bench/search_bench.py
#      plan); target p99 < 50 ms; ceiling: GET /healthz on the same connection;
#   3. the same text in SQLite FTS5 (unicode61, the default tokenizer) in a separate file:
#      build time, the same query classes in-process, and correctness on a sample of the
#      oldest tickets: FTS5's false hits and misses on Hindi and Kannada words and on the
#      fragments unicode61 cuts out of them (पार्सल → प / र / सल), beside Sahayak's answers
#      to the same queries.
# Prints RESULT lines and a markdown section (WORK_DIR/search.md, copied to
# bench/out/search.md). SEARCH_BENCH_RESULTS=1 also writes that section into
# bench/RESULTS.md ("## Search"), leaving the other sections as they are. Figures, not tests:
# nothing fails on a slow result.
#
# Environment:
#   SEARCH_BENCH_TICKETS=1000000  tickets to seed (e.g. 10000 for a quick run)
#   SEARCH_BENCH_DATA=DIR         use (and keep) this data folder; seeding is skipped when it
#                                 holds a database (bench/run.sh passes its own)
#   SEARCH_BENCH_QUERIES=200      queries per class
#   SEARCH_BENCH_SAMPLE=20000     tickets (whole days, oldest first) in the correctness sample
#   SEARCH_BENCH_RESULTS=0        1: update the "## Search" section of bench/RESULTS.md
#   BENCH_SEED=42, BENCH_BUILD=build/release, BENCH_KEEP=0 (1 keeps a temporary WORK_DIR)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BENCH_BUILD:-$ROOT/build/release}
SAHAYAK=$BUILD/sahayak
TICKETS=${SEARCH_BENCH_TICKETS:-1000000}
PER_CLASS=${SEARCH_BENCH_QUERIES:-200}
SAMPLE=${SEARCH_BENCH_SAMPLE:-20000}
SEED=${BENCH_SEED:-42}
PY=$ROOT/bench/search_bench.py
OUT_DIR=$ROOT/bench/out
ADMIN_EMAIL=admin@demo.sahayak.local

for tool in python3 sqlite3 curl awk; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
[[ -x $SAHAYAK ]] || { echo "bench: $SAHAYAK is missing; build the release preset first" >&2; exit 1; }
for n in "$TICKETS" "$PER_CLASS" "$SAMPLE"; do
  [[ $n =~ ^[0-9]+$ && $n -ge 1 ]] || { echo "bench: '$n' is not a whole number >= 1" >&2; exit 2; }
done

if [[ -n ${1:-} ]]; then
  WORK=$1
  mkdir -p "$WORK"
  OWN_WORK=0
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/sahayak-searchbench.XXXXXX")
  OWN_WORK=1
fi
WORK=$(cd "$WORK" && pwd)
DATA=${SEARCH_BENCH_DATA:-$WORK/data}
SERVER_PID=

cleanup() {
  local rc=$?
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if (( OWN_WORK )) && [[ ${BENCH_KEEP:-0} != 1 ]]; then
    rm -rf "$WORK"
  elif (( OWN_WORK )); then
    echo "bench: kept $WORK" >&2
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
log() { printf '\n== g. %s (load average %s)\n' "$*" "$(loadavg)"; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"$1\n\", $2 }"; }

CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MACHINE="$(nproc) CPUs ($CPU_MODEL), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
START_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_START=$(loadavg)
GIT_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$ROOT" status --porcelain -- src 2>/dev/null | head -1) ]]; then
  GIT_REV="$GIT_REV + uncommitted changes in src/"
fi
echo "Sahayak search benchmark, $START_DATE, commit $GIT_REV; work folder $WORK; data $DATA"

# --- seed ---------------------------------------------------------------------------------
SEED_NOTE="reused an existing data folder"
if [[ ! -e $DATA/sahayak.db ]]; then
  mkdir -p "$DATA"
  log "seeding $TICKETS tickets (seed $SEED)"
  "$SAHAYAK" --data "$DATA" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; exit 1; }
  t0=$(now)
  "$SAHAYAK" --data "$DATA" seed-demo --tickets "$TICKETS" --seed "$SEED" 2>&1 | tee "$WORK/seed.log"
  SEED_S=$(calc "%.1f" "$(now) - $t0")
  SEED_NOTE="$SEED_S s wall-clock ($(calc "%.0f" "$TICKETS / $SEED_S") tickets/s)"
  echo "seed-demo: $SEED_NOTE"
fi
# A reused folder may come from an older binary: bring its schema up to date first.
"$SAHAYAK" --data "$DATA" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; exit 1; }
DBQ="file:$DATA/sahayak.db?mode=ro"
read -r TICKET_ROWS MESSAGE_ROWS < <(sqlite3 -separator ' ' "$DBQ" \
  "SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM messages)")
DB_MIB=$(du -cm "$DATA"/sahayak.db* 2>/dev/null | awk 'END { print $1 }')
echo "Database: $TICKET_ROWS tickets, $MESSAGE_ROWS messages, $DB_MIB MiB"

# --- 1. index build -----------------------------------------------------------------------
log "1. ceiling: reading every subject and message with the sqlite3 shell"
sync
t0=$(now)
sqlite3 "$DBQ" "SELECT sum(length(subject)) + sum(length(tags)) FROM tickets; SELECT sum(length(body)) FROM messages;" >/dev/null
READ_S=$(calc "%.3f" "$(now) - $t0")
echo "read: $READ_S s ($(calc "%.0f" "$TICKET_ROWS / $READ_S") tickets/s)"

REINDEX_S=
REINDEX_NOTE=
REINDEX_ALLOCATOR=
INDEX_MIB=
if "$SAHAYAK" reindex --help >/dev/null 2>&1; then
  log "1. sahayak reindex"
  # Wall-clock and CPU time (user + system, all of reindex's threads): on a shared machine the
  # CPU figure says what 2 idle cores would do (tickets per CPU-second x 2).
  read -r REINDEX_S REINDEX_CPU REINDEX_RC < <(python3 -c '
import resource, subprocess, sys, time
t = time.monotonic()
with open(sys.argv[1], "w") as log:
    rc = subprocess.run(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.2f %.2f %d" % (time.monotonic() - t, r.ru_utime + r.ru_stime, rc))
' "$WORK/reindex.log" "$SAHAYAK" --data "$DATA" reindex)
  if [[ $REINDEX_RC == 0 ]]; then
    tail -3 "$WORK/reindex.log"
    INDEX_MIB=$(du -sm "$DATA/search" 2>/dev/null | awk '{ print $1 }')
    # Which allocator served the rebuild (decision 0007: mimalloc where it is installed).
    REINDEX_ALLOCATOR=$(grep -o 'allocator [a-z]*' "$WORK/reindex.log" | awk '{ print $2 }' | tail -1)
    echo "RESULT reindex tickets=$TICKET_ROWS seconds=$REINDEX_S tickets_per_s=$(calc "%.0f" "$TICKET_ROWS / $REINDEX_S") cpu_seconds=$REINDEX_CPU tickets_per_cpu_s=$(calc "%.0f" "$TICKET_ROWS / $REINDEX_CPU") index_mib=${INDEX_MIB:-?} read_seconds=$READ_S"
  else
    REINDEX_S=
    REINDEX_NOTE="reindex failed (see reindex.log)"
    cat "$WORK/reindex.log" >&2
  fi
else
  REINDEX_NOTE="this binary has no reindex command"
  echo "bench: $REINDEX_NOTE; the server indexes on start" >&2
fi
LOAD_REINDEX=$(loadavg)

# --- plan -----------------------------------------------------------------------------------
log "plan: queries drawn from the seeded corpus"
python3 "$PY" plan --db "$DATA/sahayak.db" --out "$WORK/plan.json" --per-class "$PER_CLASS" \
  --seed "$SEED" --sample "$SAMPLE"

# --- 2. latency over HTTP -------------------------------------------------------------------
TOKEN=$("$SAHAYAK" --data "$DATA" admin create-token --email "$ADMIN_EMAIL" 2>"$WORK/token.err" |
        grep -Eo '[A-Za-z0-9_-]{20,}' | tail -1 || true)
[[ -n $TOKEN ]] || { echo "bench: could not create an API token" >&2; cat "$WORK/token.err" >&2; exit 1; }
log "2. starting the server"
rm -f "$WORK/port"
SAHAYAK_RATE_LIMIT_PER_MINUTE=0 "$SAHAYAK" --data "$DATA" serve --listen 127.0.0.1:0 \
  --port-file "$WORK/port" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 1200); do
  [[ -s $WORK/port ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench: the server exited" >&2; cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
[[ -s $WORK/port ]] || { echo "bench: the server did not write its port file" >&2; exit 1; }
PORT=$(grep -Eo '[0-9]+' "$WORK/port" | tail -1)
# Ready when a search answers 200 (the index may still be opening or catching up).
t0=$(now)
for _ in $(seq 1 6000); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/api/v1/search?type=ticket&q=status:open" || true)
  [[ $code == 200 ]] && break
  sleep 0.1
done
[[ $code == 200 ]] || { echo "bench: /api/v1/search answered $code" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
echo "Server pid $SERVER_PID on port $PORT; search ready after $(calc "%.1f" "$(now) - $t0") s"
sleep 2
log "2. latency over HTTP, $PER_CLASS queries per class"
python3 "$PY" http --port "$PORT" --token "$TOKEN" --plan "$WORK/plan.json" --out "$WORK/http.json" \
  | tee "$WORK/http.txt"
LOAD_HTTP=$(loadavg)
RSS=$(awk '$1 == "VmHWM:" { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")
kill -TERM "$SERVER_PID"
set +e; wait "$SERVER_PID"; SERVER_RC=$?; set -e
SERVER_PID=
echo "Server exit status $SERVER_RC; VmHWM $RSS MiB"

# --- 3. SQLite FTS5 ------------------------------------------------------------------------
log "3. SQLite FTS5 on the same text (server stopped)"
python3 "$PY" fts5 --db "$DATA/sahayak.db" --work "$WORK/fts" --plan "$WORK/plan.json" \
  --out "$WORK/fts.json" | tee "$WORK/fts.txt"
rm -f "$WORK/fts/fts5.db"
LOAD_FTS=$(loadavg)

# --- report -------------------------------------------------------------------------------
python3 - "$WORK/facts.json" <<EOF
import json, sys
json.dump({"date": "$START_DATE", "commit": "$GIT_REV", "machine": "$MACHINE",
           "seed": "$SEED", "seed_note": "$SEED_NOTE", "messages": $MESSAGE_ROWS,
           "db_mib": "$DB_MIB", "read_seconds": float("$READ_S"),
           "reindex_seconds": float("$REINDEX_S") if "$REINDEX_S" else None,
           "reindex_cpu_seconds": float("$REINDEX_CPU") if "$REINDEX_S" else None,
           "reindex_note": "$REINDEX_NOTE", "reindex_allocator": "$REINDEX_ALLOCATOR",
           "index_mib": "$INDEX_MIB",
           "load_start": "$LOAD_START", "load_reindex": "$LOAD_REINDEX",
           "load_http": "$LOAD_HTTP", "load_fts": "$LOAD_FTS", "server_hwm_mib": "$RSS"},
          open(sys.argv[1], "w"))
EOF
log "summary"
python3 "$PY" report --plan "$WORK/plan.json" --http "$WORK/http.json" --fts "$WORK/fts.json" \
  --facts "$WORK/facts.json" --out "$WORK/search.md"
mkdir -p "$OUT_DIR"
cp "$WORK/search.md" "$OUT_DIR/search.md"
for f in http.txt fts.txt server.log reindex.log; do
  [[ -e $WORK/$f ]] && cp "$WORK/$f" "$OUT_DIR/search_$f"
done
if [[ ${SEARCH_BENCH_RESULTS:-0} == 1 ]]; then
  python3 "$PY" update-results --section "$WORK/search.md" --results "$ROOT/bench/RESULTS.md"
  echo "bench/RESULTS.md: section \"## Search\" written"
fi
echo "== g. done; summary in $OUT_DIR/search.md"
