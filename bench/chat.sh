#!/usr/bin/env bash
# bench/chat.sh: part i of bench/run.sh, also runnable alone. See bench/README.md.
#
#   bench/chat.sh [WORK_DIR]
#
# Live chat at the scale of issue 8: starts `sahayak serve` on 127.0.0.1 with a fresh data folder
# in WORK_DIR (default: a temporary folder, removed afterwards unless BENCH_KEEP=1), creates an
# admin and BENCH_CHAT_AGENTS agents (capacity BENCH_CHAT_CAPACITY each) with an API token each,
# turns chat on through the admin API (PATCH /api/v1/chat/settings: allowed origin
# https://bench.example.in, no pre-chat form, least_busy routing), raises `ulimit -n` to the hard
# limit, and runs chat_load (bench/chat_load.cc): the echo ceiling, one conversation at no load,
# BENCH_CHAT_CONNS widget sockets held open (memory per idle connection), then BENCH_CHAT_RATE
# messages/s from BENCH_CHAT_SENDERS of them to the agents (delivery p50/p99, server CPU). Stops
# the server and writes a markdown section to WORK_DIR/i_chat.md. The server's rate limits stay
# at their defaults (the load keeps under 20 frames/s per socket); nothing in the server is
# changed for the bench. Figures, not tests: nothing fails on a slow result.
#
# Environment:
#   BENCH_CHAT_CONNS=10000      visitor (widget) sockets held open
#   BENCH_CHAT_RATE=500         messages/s in total, visitors -> agents
#   BENCH_CHAT_SECONDS=60       measured seconds
#   BENCH_CHAT_WARMUP=10        seconds of sending before the measured window
#   BENCH_CHAT_SENDERS=         visitors that chat (default: rate / 2.5, so each sends one
#                               message every 2.5 s; at most BENCH_CHAT_CONNS)
#   BENCH_CHAT_CAPACITY=50      chats per agent (the server's maximum is 50)
#   BENCH_CHAT_AGENTS=          agents (default: enough for the senders and the probe)
#   BENCH_CHAT_OPEN_CONCURRENCY=200  handshakes in flight while opening
#   BENCH_CHAT_CEILING_SECONDS=10    seconds of the echo ceiling (0 skips it)
#   BENCH_CHAT_THREADS=1        chat_load's I/O threads
#   BENCH_SAHAYAK=              the server binary (default BENCH_BUILD/sahayak; a copy keeps a
#                               long run safe from rebuilds)
#   BENCH_BUILD=build/release, BENCH_KEEP=0; SAHAYAK_WORKER_THREADS etc. reach the server
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BENCH_BUILD:-$ROOT/build/release}
SAHAYAK=${BENCH_SAHAYAK:-$BUILD/sahayak}
LOAD=$BUILD/bench/chat_load
CONNS=${BENCH_CHAT_CONNS:-10000}
RATE=${BENCH_CHAT_RATE:-500}
DURATION=${BENCH_CHAT_SECONDS:-60}
WARMUP=${BENCH_CHAT_WARMUP:-10}
CAPACITY=${BENCH_CHAT_CAPACITY:-50}
OPEN_CONC=${BENCH_CHAT_OPEN_CONCURRENCY:-200}
CEILING_SECONDS=${BENCH_CHAT_CEILING_SECONDS:-10}
THREADS=${BENCH_CHAT_THREADS:-1}
ORIGIN=https://bench.example.in
ADMIN_EMAIL=admin@bench.example.in
PASSWORD=Bench-Chat-Pass-1

for bin in "$SAHAYAK" "$LOAD"; do
  [[ -x $bin ]] || { echo "bench: $bin is missing; build the release preset first" >&2; exit 1; }
done
command -v curl >/dev/null || { echo "bench: curl is not installed" >&2; exit 1; }
for n in "$CONNS" "$RATE" "$DURATION" "$WARMUP" "$CAPACITY" "$OPEN_CONC" "$CEILING_SECONDS" "$THREADS"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "bench: '$n' is not a whole number" >&2; exit 2; }
done
(( CONNS >= 1 && RATE >= 1 && DURATION >= 1 && CAPACITY >= 1 && CAPACITY <= 50 )) ||
  { echo "bench: BENCH_CHAT_CONNS, RATE, SECONDS >= 1; CAPACITY 1-50" >&2; exit 2; }
SENDERS=${BENCH_CHAT_SENDERS:-$(( (RATE * 2 + 4) / 5 ))}
(( SENDERS > CONNS )) && SENDERS=$CONNS
(( SENDERS >= 1 )) || SENDERS=1
# Each sender sends one message every SENDERS/RATE seconds; the server closes a socket that
# sends over 20 frames a second (pings included), so keep well under it.
awk -v s="$SENDERS" -v r="$RATE" 'BEGIN { exit !(r / s <= 10) }' ||
  { echo "bench: $RATE messages/s from $SENDERS visitors is over 10 a second each; raise BENCH_CHAT_SENDERS" >&2; exit 2; }
AGENTS=${BENCH_CHAT_AGENTS:-$(( (SENDERS + 1 + CAPACITY - 1) / CAPACITY ))}
(( AGENTS * CAPACITY >= SENDERS + 1 )) ||
  { echo "bench: $AGENTS agents x capacity $CAPACITY cannot take $SENDERS chats and the probe" >&2; exit 2; }

if [[ -n ${1:-} ]]; then
  WORK=$1
  mkdir -p "$WORK"
  OWN_WORK=0
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/sahayak-chatbench.XXXXXX")
  OWN_WORK=1
fi
DATA=$WORK/data
rm -rf "$DATA" "$WORK/port"
mkdir -p "$DATA"
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if (( OWN_WORK )) && [[ ${BENCH_KEEP:-0} != 1 ]]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }
field() { awk -v k="$2" '{for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) { print substr($i, length(k) + 2); exit } }}' <<<"$1"; }
calc() { awk "BEGIN { printf \"$1\n\", $2 }"; }
verdict() { awk "BEGIN { print ($1) ? \"yes\" : \"**NO**\" }"; }

# Sockets: the server and chat_load each hold one per connection.
HARD=$(ulimit -Hn)
if [[ $HARD != unlimited ]] && (( HARD < CONNS + 1000 )); then
  echo "bench: the hard open-files limit ($HARD) is below $CONNS + 1000; the run may fail to open every socket" >&2
fi
ulimit -n "$HARD"

START_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "== i. chat: $CONNS widget sockets, $RATE messages/s from $SENDERS visitors to $AGENTS agents (capacity $CAPACITY), ${WARMUP}s + ${DURATION}s (load average $(loadavg); ulimit -n $(ulimit -n))"

# --- data folder: admin, agents, tokens --------------------------------------------------------
"$SAHAYAK" --data "$DATA" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; exit 1; }
"$SAHAYAK" --data "$DATA" admin create-agent --email "$ADMIN_EMAIL" --name "Bench Admin" \
  --role admin --password "$PASSWORD" >/dev/null
ADMIN_TOKEN=$("$SAHAYAK" --data "$DATA" admin create-token --email "$ADMIN_EMAIL" --name bench-admin | tail -1)
AGENT_IDS=()
AGENT_TOKENS=()
for i in $(seq 1 "$AGENTS"); do
  email=agent$i@bench.example.in
  id=$("$SAHAYAK" --data "$DATA" admin create-agent --email "$email" --name "Bench Agent $i" \
    --role agent --password "$PASSWORD" | grep -Eo '[0-9]+' | tail -1)
  AGENT_IDS+=("$id")
  AGENT_TOKENS+=("$("$SAHAYAK" --data "$DATA" admin create-token --email "$email" --name bench-agent | tail -1)")
done
TOKENS=$(IFS=,; echo "${AGENT_TOKENS[*]}")

# --- server ------------------------------------------------------------------------------------
"$SAHAYAK" --data "$DATA" serve --listen 127.0.0.1:0 --port-file "$WORK/port" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  [[ -s $WORK/port ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench: the server exited" >&2; cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
[[ -s $WORK/port ]] || { echo "bench: the server did not write its port file" >&2; exit 1; }
PORT=$(grep -Eo '[0-9]+' "$WORK/port" | tail -1)
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 300); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz") == 200 ]] && break
  sleep 0.1
done
echo "Server pid $SERVER_PID on $BASE ($(awk '$1 == "Threads:" { print $2 }' "/proc/$SERVER_PID/status") threads; open-files limit $(awk '/Max open files/ { print $4 }' "/proc/$SERVER_PID/limits"))"

api() {  # api METHOD PATH BODY: prints the body, fails on a non-2xx answer
  local out code
  out=$(curl -s -w '\n%{http_code}' -X "$1" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' --data "$3" "$BASE$2")
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  [[ $code == 2* ]] || { echo "bench: $1 $2 answered $code: $out" >&2; return 1; }
  printf '%s' "$out"
}
SETTINGS=$(api PATCH /api/v1/chat/settings \
  "{\"enabled\": true, \"allowed_origins\": [\"$ORIGIN\"], \"prechat\": false, \"routing\": \"least_busy\"}")
KEY=$(grep -Eo '"widget_key": *"[^"]+"' <<<"$SETTINGS" | sed 's/.*"\([^"]*\)"$/\1/')
[[ -n $KEY ]] || { echo "bench: no widget_key in $SETTINGS" >&2; exit 1; }
for id in "${AGENT_IDS[@]}"; do
  api PATCH "/api/v1/agents/$id/chat-profile" "{\"capacity\": $CAPACITY, \"languages\": [\"en\"]}" >/dev/null
done

# --- the load ----------------------------------------------------------------------------------
"$LOAD" --port "$PORT" --key "$KEY" --origin "$ORIGIN" --agent-tokens "$TOKENS" \
  --server-pid "$SERVER_PID" --conns "$CONNS" --rate "$RATE" --senders "$SENDERS" \
  --duration "$DURATION" --warmup "$WARMUP" --open-concurrency "$OPEN_CONC" \
  --ceiling-seconds "$CEILING_SECONDS" --threads "$THREADS" --fsync-dir "$DATA" | tee "$WORK/i_chat.txt"
END_LOAD=$(loadavg)

t0=$(now)
kill -TERM "$SERVER_PID"
set +e; wait "$SERVER_PID"; SERVER_RC=$?; set -e
SERVER_PID=
STOP_SECONDS=$(calc "%.1f" "$(now) - $t0")
LOG_ERRORS=$(grep -ciE '\b(error|critical)\b' "$WORK/server.log" || true)
LOG_WARNINGS=$(grep -ciE '\bwarn(ing)?\b' "$WORK/server.log" || true)
echo "Server exit status $SERVER_RC after SIGTERM ($STOP_SECONDS s); log: $LOG_ERRORS error lines, $LOG_WARNINGS warning lines"
if (( LOG_WARNINGS + LOG_ERRORS > 0 )); then grep -iE '\b(error|critical|warn(ing)?)\b' "$WORK/server.log" | sort | uniq -c | sort -rn | head -5; fi

R=$(grep '^RESULT chat ' "$WORK/i_chat.txt")
{
  echo "- Date: $START_DATE; commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (with uncommitted changes in src/)')"
  echo "- Machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, Linux $(uname -r); server and chat_load on the same CPUs, 127.0.0.1"
  echo "- Command: \`BENCH_CHAT_CONNS=$CONNS BENCH_CHAT_RATE=$RATE BENCH_CHAT_SECONDS=$DURATION BENCH_CHAT_WARMUP=$WARMUP bench/chat.sh\` ($SENDERS senders, $AGENTS agents of capacity $CAPACITY, server defaults: SAHAYAK_WORKER_THREADS=${SAHAYAK_WORKER_THREADS:-default (32)}, rate limits as shipped)"
  echo "- Scale: $(field "$R" opened) of $CONNS widget sockets open ($(field "$R" open_failed) failed; opened in $(field "$R" open_seconds) s; $(field "$R" still_open) still open at the end), each pinging every 25 s; $(field "$R" rate) messages/s from $(field "$R" senders) of them; $(field "$R" sent) messages sent in the ${DURATION} s window, $(field "$R" delivered) delivered, $(field "$R" duplicates) duplicates"
  echo "- Load average before the window $(field "$R" load_before | tr , ' '), after $(field "$R" load_after | tr , ' ')"
  echo
  echo "| benchmark | figure | ceiling (same run) | ratio | target | met |"
  echo "| --- | --- | --- | --- | --- | --- |"
  echo "| delivery, visitor's send -> the agent has the event, $(field "$R" opened) sockets open | p50 $(field "$R" delivery_p50_ms) ms, p90 $(field "$R" delivery_p90_ms) ms, p99 $(field "$R" delivery_p99_ms) ms, max $(field "$R" delivery_max_ms) ms | Beast echo round trip, same client, frames and rate: p50 $(field "$R" echo_p50_ms) ms, p99 $(field "$R" echo_p99_ms) ms | $(calc "%.1f" "$(field "$R" delivery_p99_ms) / $(field "$R" echo_p99_ms)")x p99 | p99 < 50 ms | $(verdict "$(field "$R" delivery_p99_ms) < 50 && $(field "$R" delivered) > 0") |"
  echo "| (same) | | the server at no load, 1 conversation, 10 msg/s: p50 $(field "$R" probe_p50_ms) ms, p99 $(field "$R" probe_p99_ms) ms | $(calc "%.1f" "$(field "$R" delivery_p99_ms) / $(field "$R" probe_p99_ms)")x p99 | | |"
  echo "| (same) | | the disk: 4 KiB append + fdatasync in the data folder, 100/s before the load: p50 $(field "$R" fsync_p50_ms) ms, p99 $(field "$R" fsync_p99_ms) ms, max $(field "$R" fsync_max_ms) ms | | | |"
  echo "| visitor's ack (stored) | p50 $(field "$R" ack_p50_ms) ms, p99 $(field "$R" ack_p99_ms) ms | | | | |"
  echo "| memory per idle connection (server VmRSS) | $(calc "%.1f" "$(field "$R" kib_per_conn)") KiB ($(field "$R" rss_before_mib) MiB -> $(field "$R" rss_after_mib) MiB) | | | < 32 KB | $(verdict "$(field "$R" kib_per_conn) * 1.024 < 32") |"
  echo "| server CPU over the window | $(field "$R" server_cpu_s) s in $(field "$R" wall_s) s = $(field "$R" server_cores) cores of $(field "$R" cpus) | chat_load itself $(field "$R" client_cpu_s) s | | | |"
  echo
  echo "Server memory after the load $(field "$R" rss_end_mib) MiB (peak sampled $(field "$R" rss_peak_mib) MiB, VmHWM $(field "$R" hwm_mib) MiB, $(field "$R" server_threads) threads). Kernel TCP buffers (outside RSS, both ends of each loopback connection): $(field "$R" tcp_kernel_kib_per_conn) KiB per connection. Errors and closes seen by the clients: $(field "$R" errors). chat_load's send timers were p99 $(field "$R" lag_p99_ms) ms late (max $(field "$R" lag_max_ms) ms). The server stopped in $STOP_SECONDS s (exit status $SERVER_RC); its log has $LOG_ERRORS error and $LOG_WARNINGS warning lines."
} >"$WORK/i_chat.md"
echo "== i. done (load average $END_LOAD); summary in $WORK/i_chat.md"
cat "$WORK/i_chat.md"
