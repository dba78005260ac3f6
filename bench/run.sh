#!/usr/bin/env bash
# bench/run.sh: what `make bench` runs. See bench/README.md.
#
# Seeds a temporary data folder with the demo business (1,000,000 tickets unless
# BENCH_TICKETS says otherwise), starts the release server on 127.0.0.1 and measures, each
# figure beside its ceiling measured in the same run:
#   a. GET /api/v1/tickets/{id} against GET /ping (wrk)
#   b. POST /api/v1/tickets against raw SQLite inserts of the same rows (sqlite_insert_bench)
#   c. ticket-list latency over a mix of filters (http_latency)
#   d. the server's resident memory: idle, and during and after a-c
#   e. the agent console: JavaScript/CSS/font sizes of web/dist, and the time from navigation
#      to a usable inbox in Chromium (bench/console_load.mjs; skipped without node, Debian's
#      chromium or web/dist)
#   f. mail ingest: a generated maildir of BENCH_MAILS (10,000) realistic mails parsed,
#      threaded and stored through the real store (mail_ingest_bench, via bench/mail_ingest.sh)
#      against parsing alone; runs after the server has stopped
#   g. search: `sahayak reindex` rate and index size, search latency over HTTP per query class,
#      and SQLite FTS5 on the same text (speed and Hindi/Kannada false hits), via
#      bench/search.sh on the same data folder after the server has stopped
#   h. tracking events: BENCH_TRACKING_EVENTS (200,000) events of a simulated carrier feed
#      through ShipmentService::Ingest into a fresh data folder against raw SQLite inserts of
#      the same rows, then lookups by tracking number against raw SQLite look-ups
#      (tracking_bench, via bench/tracking.sh); after the server has stopped
#   i. live chat: BENCH_CHAT_CONNS (10,000) widget sockets held open on a server of its own
#      while BENCH_CHAT_RATE (500) messages/s flow visitor -> agent: delivery p50/p99 against
#      an echo, a disk and a no-load ceiling, memory per idle connection, server CPU
#      (chat_load, via bench/chat.sh); after the server has stopped
# It prints a summary table and writes it to bench/out/latest.md. Figures, not tests: nothing
# here fails on a slow result. Needs the release build (cmake --preset release && cmake --build
# --preset release), wrk, sqlite3 and curl.
#
# Environment:
#   BENCH_TICKETS=1000000   tickets to seed (e.g. 100000 for a quick run)
#   BENCH_SEED=42           demo corpus seed
#   BENCH_DURATION=15       seconds per measured run
#   BENCH_WARMUP=3          seconds of warm-up before each measured run
#   BENCH_CONNECTIONS=64    wrk connections (a and b);  BENCH_WRK_THREADS=2
#   BENCH_LIST_CONNECTIONS=4  concurrent clients of the list benchmark (c)
#   BENCH_RAW_SECONDS=10    seconds per raw SQLite mode (b)
#   BENCH_DATA=DIR          reuse (or create and keep) this data folder instead of a temp one;
#                           seeding is skipped when DIR/sahayak.db exists
#   BENCH_KEEP=1            keep the temporary folder (data, logs, raw outputs)
#   BENCH_BUILD=DIR         build folder (default build/release)
#   BENCH_MAILS=10000       mails in the generated maildir (f); BENCH_MAILS=0 skips f
#   BENCH_SEARCH=1          0 skips g (search); SEARCH_BENCH_QUERIES, SEARCH_BENCH_SAMPLE as in
#                           bench/search.sh
#   BENCH_TRACKING_EVENTS=200000  tracking events ingested in h; 0 skips h (other
#                           BENCH_TRACKING_* variables as in bench/tracking.sh)
#   BENCH_CHAT=1            0 skips i (chat); BENCH_CHAT_* variables as in bench/chat.sh
#   SAHAYAK_READ_THREADS, SAHAYAK_WORKER_THREADS  passed to the server as usual
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BENCH_BUILD:-$ROOT/build/release}
SAHAYAK=$BUILD/sahayak
RAW_BENCH=$BUILD/bench/sqlite_insert_bench
HTTP_LATENCY=$BUILD/bench/http_latency
TICKETS=${BENCH_TICKETS:-1000000}
SEED=${BENCH_SEED:-42}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
CONNS=${BENCH_CONNECTIONS:-64}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
LIST_CONNS=${BENCH_LIST_CONNECTIONS:-4}
RAW_SECONDS=${BENCH_RAW_SECONDS:-10}
OUT_DIR=$ROOT/bench/out
ADMIN_EMAIL=admin@demo.sahayak.local
BENCH_CONTACTS=200
LUA=$ROOT/bench/wrk.lua
MESSAGE_FILE=$ROOT/bench/ticket_message.txt

for tool in wrk sqlite3 curl awk; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
for bin in "$SAHAYAK" "$RAW_BENCH" "$HTTP_LATENCY"; do
  [[ -x $bin ]] || { echo "bench: $bin is missing; build the release preset first" >&2; exit 1; }
done
for n in "$TICKETS" "$DURATION" "$WARMUP" "$CONNS" "$WRK_THREADS" "$LIST_CONNS" "$RAW_SECONDS"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "bench: '$n' is not a whole number" >&2; exit 2; }
done
(( DURATION >= 1 && DURATION <= 300 && WARMUP <= 60 && RAW_SECONDS <= 120 )) ||
  { echo "bench: durations out of range (1-300 s, warm-up <= 60 s)" >&2; exit 2; }

mkdir -p "$OUT_DIR"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sahayak-bench.XXXXXX")
if [[ -n ${BENCH_DATA:-} ]]; then
  DATA=$BENCH_DATA
  KEEP_DATA=1
else
  DATA=$WORK/data
  KEEP_DATA=0
fi
SERVER_PID=
SAMPLER_PID=

cleanup() {
  local rc=$?
  if [[ -n $SAMPLER_PID ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "bench: kept $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '\n== %s (load average %s)\n' "$*" "$(loadavg)"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }
# key=value field of a RESULT/WRK line: field LINE KEY
field() { awk -v k="$2" '{for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) { print substr($i, length(k) + 2); exit } }}' <<<"$1"; }
calc() { awk "BEGIN { printf \"$1\n\", $2 }"; }
# VmRSS / VmHWM of the server in MiB
mem() { awk -v k="$1:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }

# --- machine ------------------------------------------------------------------------------
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM_TOTAL=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
MACHINE="$(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, Linux $(uname -r)"
START_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
START_LOAD=$(loadavg)
GIT_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "Sahayak benchmarks, $START_DATE, commit $GIT_REV"
echo "Machine: $MACHINE"
echo "Work folder: $WORK; data: $DATA"

# --- seed ---------------------------------------------------------------------------------
SEED_SECONDS=skipped
SEED_INNER=
if [[ -e $DATA/sahayak.db ]]; then
  log "Reusing the seeded data folder $DATA"
else
  mkdir -p "$DATA"
  log "Seeding $TICKETS tickets (seed $SEED)"
  "$SAHAYAK" --data "$DATA" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; exit 1; }
  t0=$(now)
  "$SAHAYAK" --data "$DATA" seed-demo --tickets "$TICKETS" --seed "$SEED" 2>&1 | tee "$WORK/seed.log"
  t1=$(now)
  SEED_SECONDS=$(calc "%.1f" "$t1 - $t0")
  SEED_INNER=$(grep -o '([0-9.]* s)' "$WORK/seed.log" | tail -1 | tr -d '()' || true)
  echo "seed-demo took $SEED_SECONDS s wall-clock (tickets alone: ${SEED_INNER:-?})"
fi
DB_MIB=$(du -cm "$DATA"/sahayak.db* 2>/dev/null | awk 'END { print $1 }')
read -r MIN_ID MAX_ID TICKET_ROWS < <(sqlite3 -separator ' ' "file:$DATA/sahayak.db?mode=ro" \
  "SELECT min(id), max(id), count(*) FROM tickets")
GROUP_ID=$(sqlite3 "file:$DATA/sahayak.db?mode=ro" "SELECT id FROM agent_groups ORDER BY id LIMIT 1")
ASSIGNEE_ID=$(sqlite3 "file:$DATA/sahayak.db?mode=ro" \
  "SELECT id FROM agents WHERE role = 'agent' AND active = 1 ORDER BY id LIMIT 1")
echo "Database: $TICKET_ROWS tickets (ids $MIN_ID-$MAX_ID), $DB_MIB MiB; group $GROUP_ID, assignee $ASSIGNEE_ID"
if [[ $TICKET_ROWS -lt 1 ]]; then echo "bench: no tickets were seeded" >&2; exit 1; fi

TOKEN=$("$SAHAYAK" --data "$DATA" admin create-token --email "$ADMIN_EMAIL" 2>"$WORK/token.err" |
        grep -Eo '[A-Za-z0-9_-]{20,}' | tail -1 || true)
[[ -n $TOKEN ]] || { echo "bench: could not create an API token" >&2; cat "$WORK/token.err" >&2; exit 1; }

# --- server -------------------------------------------------------------------------------
log "Starting the server"
# The request path is measured, not the per-agent rate limit (which would refuse most of it).
SAHAYAK_RATE_LIMIT_PER_MINUTE=0 SAHAYAK_WEB_ROOT=${SAHAYAK_WEB_ROOT:-$ROOT/web/dist} "$SAHAYAK" --data "$DATA" serve --listen 127.0.0.1:0 --port-file "$WORK/port" \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  [[ -s $WORK/port ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench: the server exited" >&2; cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
[[ -s $WORK/port ]] || { echo "bench: the server did not write its port file" >&2; exit 1; }
PORT=$(grep -Eo '[0-9]+' "$WORK/port" | tail -1)
BASE=http://127.0.0.1:$PORT
STARTED=$(now)
echo "Server pid $SERVER_PID on $BASE (SAHAYAK_WORKER_THREADS=${SAHAYAK_WORKER_THREADS:-default})"
sleep 2
IDLE_RSS=$(mem VmRSS); IDLE_HWM=$(mem VmHWM)
THREADS=$(awk '$1 == "Threads:" { print $2 }' "/proc/$SERVER_PID/status")
echo "Idle: VmRSS $IDLE_RSS MiB, VmHWM $IDLE_HWM MiB, $THREADS threads"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/tickets/$MAX_ID")
[[ $code == 200 ]] || { echo "bench: GET /api/v1/tickets/$MAX_ID gave $code" >&2; exit 1; }

# RSS sampler: "epoch kB" every 0.2 s while the server lives.
( while kill -0 "$SERVER_PID" 2>/dev/null; do
    printf '%s %s\n' "$(date +%s.%N)" \
      "$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null)"
    sleep 0.2
  done ) >"$WORK/rss.log" 2>/dev/null &
SAMPLER_PID=$!
# Highest sampled VmRSS (MiB) between two epochs.
peak_rss() { awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b && $2 > m { m = $2 } END { printf "%.1f", m / 1024 }' "$WORK/rss.log"; }

# wrk run: run_wrk NAME SECONDS CONNECTIONS ARGS... ; prints the WRK line, keeps the output.
run_wrk() {
  local name=$1 secs=$2 conns=$3; shift 3
  wrk -t "$WRK_THREADS" -c "$conns" -d "${secs}s" --timeout 10s --latency -s "$LUA" "$BASE" -- "$@" \
    >"$WORK/$name.txt" 2>&1 || { cat "$WORK/$name.txt" >&2; return 1; }
  grep '^WRK ' "$WORK/$name.txt" | tail -1
}
non2xx() { awk '/Non-2xx or 3xx responses:/ { print $NF }' "$WORK/$1.txt" | grep . || echo 0; }

# --- a. GET ticket vs /ping ---------------------------------------------------------------
log "a. GET /api/v1/tickets/{id} vs GET /ping: $WRK_THREADS threads x $CONNS connections, ${DURATION}s each"
A_START=$(now)
(( WARMUP > 0 )) && run_wrk a_ping_warmup "$WARMUP" "$CONNS" ping >/dev/null
PING=$(run_wrk a_ping "$DURATION" "$CONNS" ping)
echo "ping:   $PING"
(( WARMUP > 0 )) && run_wrk a_ticket_warmup "$WARMUP" "$CONNS" ticket "$TOKEN" "$MAX_ID" >/dev/null
TICKET=$(run_wrk a_ticket "$DURATION" "$CONNS" ticket "$TOKEN" "$MAX_ID")
echo "ticket: $TICKET"
printf 'ticket /api/v1/tickets/{id}\n' >"$WORK/size_mix.txt"
"$HTTP_LATENCY" --port "$PORT" --token "$TOKEN" --mix "$WORK/size_mix.txt" --max-id "$MAX_ID" \
  --connections 1 --seconds 3 --warmup 0 >"$WORK/a_size.txt"
SIZE_LINE=$(grep '^RESULT label=ticket ' "$WORK/a_size.txt")
A_END=$(now); A_LOAD=$(loadavg)
A_RSS=$(mem VmRSS); A_HWM=$(mem VmHWM); A_PEAK=$(peak_rss "$A_START" "$A_END")
PING_RPS=$(field "$PING" rps); TICKET_RPS=$(field "$TICKET" rps)
GET_RATIO=$(calc "%.2f" "$TICKET_RPS / $PING_RPS")
TICKET_BYTES=$(field "$SIZE_LINE" mean_bytes)
TICKET_1C_P50=$(field "$SIZE_LINE" p50_ms); TICKET_1C_P99=$(field "$SIZE_LINE" p99_ms)
echo "GET ticket / ping = $GET_RATIO; mean ticket JSON $TICKET_BYTES B; single-client p50 $TICKET_1C_P50 ms"
echo "Memory after a: VmRSS $A_RSS MiB, VmHWM $A_HWM MiB (peak sampled $A_PEAK MiB)"

# --- b. POST tickets vs raw SQLite --------------------------------------------------------
log "b. POST /api/v1/tickets at $CONNS connections vs raw SQLite inserts of the same rows"
mkdir -p "$WORK/raw"
"$RAW_BENCH" --migrations "$ROOT/src/store/migrations" --dir "$WORK/raw" \
  --body-file "$MESSAGE_FILE" --seconds "$RAW_SECONDS" --contacts "$BENCH_CONTACTS" | tee "$WORK/b_raw.txt"
RAW1=$(grep '^RESULT mode=per_ticket' "$WORK/b_raw.txt")
RAW100=$(grep '^RESULT mode=batched' "$WORK/b_raw.txt")
RAW1_TPS=$(field "$RAW1" tickets_per_s); RAW100_TPS=$(field "$RAW100" tickets_per_s)
B_START=$(now)
ID_BEFORE=$(sqlite3 "file:$DATA/sahayak.db?mode=ro" "SELECT max(id) FROM tickets")
(( WARMUP > 0 )) && run_wrk b_create_warmup "$WARMUP" "$CONNS" create "$TOKEN" "$MESSAGE_FILE" "$BENCH_CONTACTS" >/dev/null
ID_MID=$(sqlite3 "file:$DATA/sahayak.db?mode=ro" "SELECT max(id) FROM tickets")
CREATE=$(run_wrk b_create "$DURATION" "$CONNS" create "$TOKEN" "$MESSAGE_FILE" "$BENCH_CONTACTS")
ID_AFTER=$(sqlite3 "file:$DATA/sahayak.db?mode=ro" "SELECT max(id) FROM tickets")
echo "create: $CREATE"
B_END=$(now); B_LOAD=$(loadavg)
B_RSS=$(mem VmRSS); B_HWM=$(mem VmHWM); B_PEAK=$(peak_rss "$B_START" "$B_END")
CREATE_RPS=$(field "$CREATE" rps)
CREATE_NON2XX=$(non2xx b_create)
CREATED=$(( ID_AFTER - ID_MID ))
CREATE_RATIO1=$(calc "%.2f" "$CREATE_RPS / $RAW1_TPS")
CREATE_RATIO100=$(calc "%.2f" "$CREATE_RPS / $RAW100_TPS")
echo "Tickets committed during the measured run: $CREATED (warm-up: $(( ID_MID - ID_BEFORE ))); non-2xx: $CREATE_NON2XX"
echo "POST / raw one-per-transaction = $CREATE_RATIO1; POST / raw 100-per-transaction = $CREATE_RATIO100"
echo "Memory after b: VmRSS $B_RSS MiB, VmHWM $B_HWM MiB (peak sampled $B_PEAK MiB)"

# --- c. ticket list latency ---------------------------------------------------------------
log "c. GET /api/v1/tickets with filters: $LIST_CONNS clients, ${DURATION}s"
cat >"$WORK/list_mix.txt" <<EOF
status_open              /api/v1/tickets?status=open
status_pending_group     /api/v1/tickets?status=pending&group=$GROUP_ID
assignee                 /api/v1/tickets?assignee=$ASSIGNEE_ID
tag_delayed              /api/v1/tickets?tag=delayed
status_solved_tag_cod    /api/v1/tickets?status=solved&tag=cod
no_filter                /api/v1/tickets
page2_no_filter          page2:/api/v1/tickets
page2_status_open        page2:/api/v1/tickets?status=open
EOF
C_START=$(now)
"$HTTP_LATENCY" --port "$PORT" --token "$TOKEN" --mix "$WORK/list_mix.txt" \
  --connections "$LIST_CONNS" --seconds "$DURATION" --warmup "$WARMUP" | tee "$WORK/c_list.txt"
C_END=$(now); C_LOAD=$(loadavg)
C_RSS=$(mem VmRSS); C_HWM=$(mem VmHWM); C_PEAK=$(peak_rss "$C_START" "$C_END")
LIST_ALL=$(grep '^RESULT label=all ' "$WORK/c_list.txt")
LIST_P50=$(field "$LIST_ALL" p50_ms); LIST_P99=$(field "$LIST_ALL" p99_ms)
LIST_RPS=$(field "$LIST_ALL" rps); LIST_NON2XX=$(field "$LIST_ALL" non2xx)
echo "Memory after c: VmRSS $C_RSS MiB, VmHWM $C_HWM MiB (peak sampled $C_PEAK MiB)"

# --- e. the console in a browser ----------------------------------------------------------
CONSOLE=skipped
if command -v node >/dev/null && [[ -x ${CHROMIUM:-/usr/bin/chromium} && -e ${SAHAYAK_WEB_ROOT:-$ROOT/web/dist}/index.html ]]; then
  log "e. Console: bundle sizes and navigation to a usable inbox in Chromium"
  if node "$ROOT/bench/console_load.mjs" --base "$BASE" --md "$WORK/e_console.md" | tee "$WORK/e_console.txt"; then
    CONSOLE=done
  else
    CONSOLE=failed
    echo "bench: the console benchmark failed (see above)" >&2
  fi
else
  echo "e. Console: skipped (needs node, Debian's chromium and web/dist: scripts/build-web)"
fi

# --- stop ---------------------------------------------------------------------------------
log "Stopping the server"
kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=
t0=$(now)
kill -TERM "$SERVER_PID"
set +e; wait "$SERVER_PID"; SERVER_RC=$?; set -e
SERVER_PID=
STOP_SECONDS=$(calc "%.1f" "$(now) - $t0")
LOG_ERRORS=$(grep -ciE '\b(error|critical)\b' "$WORK/server.log" || true)
LOG_WARNINGS=$(grep -ciE '\bwarn(ing)?\b' "$WORK/server.log" || true)
echo "Server exit status $SERVER_RC after SIGTERM ($STOP_SECONDS s); log: $LOG_ERRORS error lines, $LOG_WARNINGS warning lines"
if (( LOG_ERRORS > 0 )); then grep -iE '\b(error|critical)\b' "$WORK/server.log" | head -5; fi

# --- f. mail ingest ----------------------------------------------------------------------
# After the server has stopped, so the two do not share the CPUs. The maildir and the data
# folders (one per thread count, ~200 MB each) go into $WORK/mail; needs python3.
MAIL=skipped
if [[ ${BENCH_MAILS:-10000} != 0 && -x $BUILD/bench/mail_ingest_bench ]]; then
  log "f. Mail ingest from a maildir of ${BENCH_MAILS:-10000} mails"
  if BENCH_BUILD=$BUILD BENCH_SEED=$SEED "$ROOT/bench/mail_ingest.sh" "$WORK/mail"; then
    MAIL=done
    cp "$WORK/mail/f_mail.txt" "$WORK/f_mail.txt"
    MAIL_PARSE2=$(grep '^RESULT mode=parse threads=2 ' "$WORK/f_mail.txt" || true)
    MAIL_INGEST2=$(grep '^RESULT mode=ingest threads=2 ' "$WORK/f_mail.txt" || true)
    MAIL_INGEST1=$(grep '^RESULT mode=ingest threads=1 ' "$WORK/f_mail.txt" || true)
  else
    MAIL=failed
    echo "bench: the mail ingest benchmark failed (see above)" >&2
  fi
else
  echo "f. Mail ingest: skipped (BENCH_MAILS=0 or $BUILD/bench/mail_ingest_bench missing)"
fi

# --- g. search ----------------------------------------------------------------------------
# After the server has stopped, on the same data folder: bench/search.sh reindexes it, serves
# it again for the search queries, then builds SQLite FTS5 over the same text.
SEARCH=skipped
if [[ ${BENCH_SEARCH:-1} != 0 && -x $ROOT/bench/search.sh ]]; then
  log "g. Search (bench/search.sh) on the same data folder"
  if SEARCH_BENCH_DATA=$DATA BENCH_BUILD=$BUILD BENCH_SEED=$SEED "$ROOT/bench/search.sh" "$WORK/search"; then
    SEARCH=done
  else
    SEARCH=failed
    echo "bench: the search benchmark failed (see above)" >&2
  fi
else
  echo "g. Search: skipped (BENCH_SEARCH=0)"
fi

# --- h. tracking events -------------------------------------------------------------------
# After the server has stopped; its own data folders (~100 MB at 200,000 events) go into
# $WORK/tracking.
TRACKING=skipped
if [[ ${BENCH_TRACKING_EVENTS:-200000} != 0 && -x $BUILD/bench/tracking_bench ]]; then
  log "h. Tracking events: ${BENCH_TRACKING_EVENTS:-200000} events, then lookups by tracking number"
  if BENCH_BUILD=$BUILD BENCH_SEED=$SEED "$ROOT/bench/tracking.sh" "$WORK/tracking"; then
    TRACKING=done
    cp "$WORK/tracking/h_tracking.txt" "$WORK/h_tracking.txt"
    TRACK_INGEST=$(grep '^RESULT phase=ingest ' "$WORK/h_tracking.txt" || true)
    TRACK_RAW=$(grep '^RESULT phase=raw mode=rows ' "$WORK/h_tracking.txt" || true)
    TRACK_API=$(grep '^RESULT phase=lookup mode=api ' "$WORK/h_tracking.txt" || true)
    TRACK_RAWN=$(grep '^RESULT phase=lookup mode=raw_number ' "$WORK/h_tracking.txt" || true)
  else
    TRACKING=failed
    echo "bench: the tracking benchmark failed (see above)" >&2
  fi
else
  echo "h. Tracking events: skipped (BENCH_TRACKING_EVENTS=0 or $BUILD/bench/tracking_bench missing)"
fi

# --- i. live chat --------------------------------------------------------------------------
# After the server has stopped; bench/chat.sh starts a server of its own on a fresh data folder
# in $WORK/chat.
CHAT=skipped
if [[ ${BENCH_CHAT:-1} != 0 && -x $BUILD/bench/chat_load ]]; then
  log "i. Live chat: ${BENCH_CHAT_CONNS:-10000} widget sockets, ${BENCH_CHAT_RATE:-500} messages/s"
  if BENCH_BUILD=$BUILD "$ROOT/bench/chat.sh" "$WORK/chat"; then
    CHAT=done
    cp "$WORK/chat/i_chat.txt" "$WORK/i_chat.txt"
    CHAT_R=$(grep '^RESULT chat ' "$WORK/i_chat.txt" || true)
  else
    CHAT=failed
    echo "bench: the chat benchmark failed (see above)" >&2
  fi
else
  echo "i. Live chat: skipped (BENCH_CHAT=0 or $BUILD/bench/chat_load missing)"
fi

# --- summary ------------------------------------------------------------------------------
verdict() { awk "BEGIN { print ($1) ? \"yes\" : \"NO\" }"; }
wrk_errors() { local l=$1; echo "$(( $(field "$l" err_connect) + $(field "$l" err_read) + $(field "$l" err_write) + $(field "$l" err_timeout) ))"; }
{
  echo "# Sahayak benchmark run"
  echo
  echo "- Date: $START_DATE; commit $GIT_REV"
  echo "- Machine: $MACHINE"
  echo "- Data: $TICKET_ROWS tickets seeded with seed $SEED (database $DB_MIB MiB); seeding took $SEED_SECONDS s wall-clock (tickets alone: ${SEED_INNER:-n/a})"
  echo "- Load average (1/5/15 min) at start $START_LOAD; after a $A_LOAD; after b $B_LOAD; after c $C_LOAD (the load generators run on the same $(nproc) CPUs; a load above that while idle means other work shared the machine)"
  echo "- Server: SAHAYAK_READ_THREADS=${SAHAYAK_READ_THREADS:-default (4)}, SAHAYAK_WORKER_THREADS=${SAHAYAK_WORKER_THREADS:-default (32)}, $THREADS threads at start; load on 127.0.0.1; wrk $WRK_THREADS threads x $CONNS connections, ${DURATION}s after ${WARMUP}s warm-up"
  echo
  echo "| benchmark | figure | ceiling (same run) | ratio | target | met |"
  echo "| --- | --- | --- | --- | --- | --- |"
  echo "| a. GET /api/v1/tickets/{id} | $TICKET_RPS req/s (p50 $(field "$TICKET" p50_ms) ms, p99 $(field "$TICKET" p99_ms) ms) | GET /ping $PING_RPS req/s (p50 $(field "$PING" p50_ms) ms, p99 $(field "$PING" p99_ms) ms) | $GET_RATIO | >= 0.5 | $(verdict "$GET_RATIO >= 0.5") |"
  echo "| a. ticket JSON size | $TICKET_BYTES B mean body (single client: p50 $TICKET_1C_P50 ms, p99 $TICKET_1C_P99 ms) | | | | |"
  echo "| b. POST /api/v1/tickets | $CREATE_RPS tickets/s (p50 $(field "$CREATE" p50_ms) ms, p99 $(field "$CREATE" p99_ms) ms) | raw SQLite 1 ticket/tx $RAW1_TPS tickets/s | $CREATE_RATIO1 | > 1 | $(verdict "$CREATE_RATIO1 > 1") |"
  echo "| b. (same) | | raw SQLite 100 tickets/tx $RAW100_TPS tickets/s | $CREATE_RATIO100 | | |"
  echo "| c. GET /api/v1/tickets (filter mix) | p50 $LIST_P50 ms, p99 $LIST_P99 ms at $LIST_CONNS clients ($LIST_RPS req/s) | | | p99 < 20 ms | $(verdict "$LIST_P99 < 20") |"
  echo "| d. memory idle after start | VmRSS $IDLE_RSS MiB, VmHWM $IDLE_HWM MiB | | | < 100 MB | $(verdict "$IDLE_HWM * 1.048576 < 100") |"
  echo "| d. memory after a | VmRSS $A_RSS MiB, VmHWM $A_HWM MiB, peak sampled $A_PEAK MiB | | | < 100 MB | $(verdict "$A_HWM * 1.048576 < 100") |"
  echo "| d. memory after b | VmRSS $B_RSS MiB, VmHWM $B_HWM MiB, peak sampled $B_PEAK MiB | | | < 100 MB | $(verdict "$B_HWM * 1.048576 < 100") |"
  echo "| d. memory after c | VmRSS $C_RSS MiB, VmHWM $C_HWM MiB, peak sampled $C_PEAK MiB | | | < 100 MB | $(verdict "$C_HWM * 1.048576 < 100") |"
  if [[ $MAIL == done && -n $MAIL_INGEST2 && -n $MAIL_PARSE2 ]]; then
    MAIL_RATE=$(field "$MAIL_INGEST2" msgs_per_s); MAIL_CEIL=$(field "$MAIL_PARSE2" msgs_per_s)
    echo "| f. mail ingest, maildir of $(field "$MAIL_INGEST2" messages), 2 threads | $MAIL_RATE msgs/s (p50 $(field "$MAIL_INGEST2" p50_ms) ms, p99 $(field "$MAIL_INGEST2" p99_ms) ms; 1 thread $(field "$MAIL_INGEST1" msgs_per_s) msgs/s); load $(field "$MAIL_INGEST2" load_after) | parse only, 2 threads, $MAIL_CEIL msgs/s | $(calc "%.2f" "$MAIL_RATE / $MAIL_CEIL") | >= 1,000/s | $(verdict "$MAIL_RATE >= 1000") |"
  fi
  if [[ $TRACKING == done && -n $TRACK_INGEST && -n $TRACK_API ]]; then
    TRACK_RATE=$(field "$TRACK_INGEST" events_per_s)
    if [[ -n $TRACK_RAW ]]; then
      TRACK_CEIL="raw SQLite, same statements: $(field "$TRACK_RAW" events_per_s) events/s"
      TRACK_RATIO=$(calc "%.2f" "$TRACK_RATE / $(field "$TRACK_RAW" events_per_s)")
    else
      TRACK_CEIL=; TRACK_RATIO=
    fi
    echo "| h. tracking events, $(field "$TRACK_INGEST" events) in batches of $(field "$TRACK_INGEST" batch), $(field "$TRACK_INGEST" feeders) feeders | $TRACK_RATE events/s (batch p50 $(field "$TRACK_INGEST" batch_p50_ms) ms, p99 $(field "$TRACK_INGEST" batch_p99_ms) ms) | $TRACK_CEIL | $TRACK_RATIO | >= 5,000/s | $(verdict "$TRACK_RATE >= 5000") |"
    echo "| h. lookup by tracking number over $(field "$TRACK_API" events_stored) events (\`GET /api/v1/shipments?tracking_number=\` path) | p50 $(field "$TRACK_API" p50_ms) ms, p99 $(field "$TRACK_API" p99_ms) ms | raw SQLite by number: p50 $(field "$TRACK_RAWN" p50_ms) ms, p99 $(field "$TRACK_RAWN" p99_ms) ms | | p99 < 5 ms | $(verdict "$(field "$TRACK_API" p99_ms) < 5") |"
  fi
  if [[ $CHAT == done && -n $CHAT_R ]]; then
    echo "| i. chat delivery, visitor -> agent, $(field "$CHAT_R" opened) sockets open, $(field "$CHAT_R" rate) msg/s | p50 $(field "$CHAT_R" delivery_p50_ms) ms, p99 $(field "$CHAT_R" delivery_p99_ms) ms | echo round trip p99 $(field "$CHAT_R" echo_p99_ms) ms; fdatasync p99 $(field "$CHAT_R" fsync_p99_ms) ms; 1 conversation at no load p99 $(field "$CHAT_R" probe_p99_ms) ms | | p99 < 50 ms | $(verdict "$(field "$CHAT_R" delivery_p99_ms) < 50") |"
    echo "| i. chat memory per idle connection | $(field "$CHAT_R" kib_per_conn) KiB (server CPU $(field "$CHAT_R" server_cores) cores under the load) | | | < 32 KB | $(verdict "$(field "$CHAT_R" kib_per_conn) * 1.024 < 32") |"
  fi
  echo
  echo "Ticket list, per filter ($LIST_CONNS clients, ${DURATION}s):"
  echo
  echo "| filter | requests | non-2xx | p50 ms | p90 ms | p99 ms | max ms | mean body B |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  grep '^RESULT label=' "$WORK/c_list.txt" | grep -v 'label=connection_failures' | while read -r line; do
    echo "| $(field "$line" label) | $(field "$line" requests) | $(field "$line" non2xx) | $(field "$line" p50_ms) | $(field "$line" p90_ms) | $(field "$line" p99_ms) | $(field "$line" max_ms) | $(field "$line" mean_bytes) |"
  done
  echo
  echo "Errors: ping non-2xx $(non2xx a_ping), socket errors $(wrk_errors "$PING"); ticket non-2xx $(non2xx a_ticket), socket errors $(wrk_errors "$TICKET"); create non-2xx $CREATE_NON2XX, socket errors $(wrk_errors "$CREATE"), $CREATED tickets committed in the measured run ($(field "$CREATE" requests) responses); list non-2xx $LIST_NON2XX, connection failures $(field "$(grep 'label=connection_failures' "$WORK/c_list.txt")" count)."
  echo "Server: exit status $SERVER_RC after SIGTERM (stopped in $STOP_SECONDS s); $LOG_ERRORS error and $LOG_WARNINGS warning lines in its log."
  if [[ $MAIL == done ]]; then
    echo
    echo "### f. Mail ingest"
    echo
    cat "$WORK/mail/f_mail.md"
  else
    echo
    echo "f. Mail ingest: $MAIL."
  fi
  if [[ $SEARCH == done ]]; then
    echo
    echo "### g. Search"
    echo
    cat "$WORK/search/search.md"
  else
    echo
    echo "g. Search: $SEARCH."
  fi
  if [[ $TRACKING == done ]]; then
    echo
    echo "### h. Tracking events"
    echo
    cat "$WORK/tracking/h_tracking.md"
  else
    echo
    echo "h. Tracking events: $TRACKING."
  fi
  if [[ $CHAT == done ]]; then
    echo
    echo "### i. Live chat"
    echo
    cat "$WORK/chat/i_chat.md"
  else
    echo
    echo "i. Live chat: $CHAT."
  fi
  if [[ $CONSOLE == done ]]; then
    echo
    sed 's/^## Console/### e. Console/' "$WORK/e_console.md"
  else
    echo
    echo "e. Console: $CONSOLE."
  fi
} >"$WORK/latest.md"
cp "$WORK/latest.md" "$OUT_DIR/latest.md"
for f in a_ping a_ticket a_size b_raw b_create c_list e_console f_mail h_tracking i_chat server seed; do
  [[ -e $WORK/$f.txt ]] && cp "$WORK/$f.txt" "$OUT_DIR/$f.txt"
  [[ -e $WORK/$f.log ]] && cp "$WORK/$f.log" "$OUT_DIR/$f.log"
done
log "Summary (bench/out/latest.md)"
cat "$OUT_DIR/latest.md"
if (( KEEP_DATA )); then echo "Data folder kept: $DATA"; fi
