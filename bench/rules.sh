#!/usr/bin/env bash
# bench/rules.sh: part j, the rules engine (issue 9); runnable alone. See bench/README.md.
#
#   bench/rules.sh [WORK_DIR]
#
# Runs rules_bench in WORK_DIR (default: a temporary folder, removed afterwards unless
# BENCH_KEEP=1): trigger evaluation with BENCH_RULES_TRIGGERS (500) triggers on one thread, the
# trigger runner end to end on a real SQLite file, and the time-based sweep over
# BENCH_RULES_SWEEP_TICKETS (1,000,000) open tickets, each beside its ceiling. Prints the
# program's output and writes a markdown section to WORK_DIR/j_rules.md. Figures, not tests:
# nothing fails on a slow result (the program's own result checks give exit status 3).
#
# Environment:
#   BENCH_RULES_TRIGGERS=500          active triggers (at most 1,000, the workspace limit)
#   BENCH_RULES_EVENTS=20000          pre-generated events of the pure evaluation (cycled)
#   BENCH_RULES_EVAL_SECONDS=2        seconds of each timed evaluation round and mode
#   BENCH_RULES_EVAL_ROUNDS=3         rounds (the median is reported)
#   BENCH_RULES_E2E_TICKETS=10000     tickets created through TicketService for the runner
#   BENCH_RULES_E2E_UPDATES=10000     updates made to them (each an event)
#   BENCH_RULES_SWEEP_TICKETS=1000000 open tickets of the sweep (about 3 minutes to write)
#   BENCH_RULES_PARTS=eval,e2e,sweep  which parts
#   BENCH_RULES_SYNC=full             synchronous of the databases (full, the default, or normal)
#   BENCH_SEED=42, BENCH_BUILD=build/release, BENCH_KEEP=0
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BENCH_BUILD:-$ROOT/build/release}
BENCH=$BUILD/bench/rules_bench
TRIGGERS=${BENCH_RULES_TRIGGERS:-500}
EVENTS=${BENCH_RULES_EVENTS:-20000}
EVAL_SECONDS=${BENCH_RULES_EVAL_SECONDS:-2}
EVAL_ROUNDS=${BENCH_RULES_EVAL_ROUNDS:-3}
E2E_TICKETS=${BENCH_RULES_E2E_TICKETS:-10000}
E2E_UPDATES=${BENCH_RULES_E2E_UPDATES:-10000}
SWEEP_TICKETS=${BENCH_RULES_SWEEP_TICKETS:-1000000}
PARTS=${BENCH_RULES_PARTS:-eval,e2e,sweep}
SYNC=${BENCH_RULES_SYNC:-full}
SEED=${BENCH_SEED:-42}

[[ -x $BENCH ]] || { echo "bench: $BENCH is missing; build the release preset first" >&2; exit 1; }
for n in "$TRIGGERS" "$EVENTS" "$EVAL_SECONDS" "$EVAL_ROUNDS" "$E2E_TICKETS" "$E2E_UPDATES" "$SWEEP_TICKETS" "$SEED"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "bench: '$n' is not a whole number" >&2; exit 2; }
done
(( TRIGGERS >= 1 && TRIGGERS <= 1000 && EVENTS >= 1 && EVAL_SECONDS >= 1 && EVAL_ROUNDS >= 1 && E2E_TICKETS >= 1 && SWEEP_TICKETS >= 1 )) ||
  { echo "bench: BENCH_RULES_TRIGGERS 1-1000; EVENTS, EVAL_SECONDS, EVAL_ROUNDS, E2E_TICKETS, SWEEP_TICKETS >= 1" >&2; exit 2; }

if [[ -n ${1:-} ]]; then
  WORK=$1
  mkdir -p "$WORK"
  OWN_WORK=0
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/sahayak-rulesbench.XXXXXX")
  OWN_WORK=1
fi
cleanup() {
  if (( OWN_WORK )) && [[ ${BENCH_KEEP:-0} != 1 ]]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
field() { awk -v k="$2" '{for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) { print substr($i, length(k) + 2); exit } }}' <<<"$1"; }
calc() { awk "BEGIN { printf \"$1\n\", $2 }"; }
verdict() { awk "BEGIN { print ($1) ? \"yes\" : \"**NO**\" }"; }
num() { awk -v x="$1" 'BEGIN { s = sprintf("%.0f", x); n = ""; while (length(s) > 3) { n = "," substr(s, length(s) - 2) n; s = substr(s, 1, length(s) - 3) } print s n }'; }

FLAGS=()
[[ ${BENCH_KEEP:-0} == 1 ]] && FLAGS+=(--keep)

echo "== j. rules_bench: $TRIGGERS triggers, parts $PARTS, sweep over $SWEEP_TICKETS tickets, synchronous=$SYNC (load average $(loadavg))"
START_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
START_LOAD=$(loadavg)
OUT=$WORK/j_rules.txt
STATUS=0
: >"$OUT"
# The sweep runs in a process of its own, so its memory figures are its own.
TRIGGER_PARTS=$(tr ',' '\n' <<<"$PARTS" | grep -E '^(eval|e2e)$' | paste -sd, || true)
SWEEP_PART=$(tr ',' '\n' <<<"$PARTS" | grep -E '^sweep$' || true)
for P in $TRIGGER_PARTS $SWEEP_PART; do
  "$BENCH" --work "$WORK" --seed "$SEED" --triggers "$TRIGGERS" --events "$EVENTS" \
    --eval-seconds "$EVAL_SECONDS" --eval-rounds "$EVAL_ROUNDS" --e2e-tickets "$E2E_TICKETS" \
    --e2e-updates "$E2E_UPDATES" --sweep-tickets "$SWEEP_TICKETS" --sync "$SYNC" --parts "$P" \
    "${FLAGS[@]}" | tee -a "$OUT" || STATUS=$?
done
END_LOAD=$(loadavg)

line() { grep "^RESULT $1" "$OUT" | head -1 || true; }
STATS=$(line 'part=eval_stats ')
E_ALL=$(line 'part=eval mode=all ')
E_FIRED=$(line 'part=eval mode=fired ')
E_FACTS=$(line 'part=eval mode=facts ')
E_CHEAP=$(line 'part=eval mode=cheap ')
E2E=$(line 'part=e2e ')
E2E_CEIL=$(line 'part=e2e_ceiling ')
E2E_LOAD=$(line 'part=e2e_load_rules ')
FIX=$(line 'part=fixture ')
S_SCAN=$(line 'part=sweep mode=scan ')
S_EVAL=$(line 'part=sweep mode=evaluate ')
S1=$(line 'part=sweep mode=sweep1 ')
S2=$(line 'part=sweep mode=sweep2 ')

{
  echo "- Date: $START_DATE; commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (with uncommitted changes in src/)'); machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
  echo "- Load average (1/5/15 min) at the start $START_LOAD, at the end $END_LOAD; synchronous=$SYNC"
  echo
  echo "| benchmark | figure | ceiling (same run) | ratio | target | met |"
  echo "| --- | --- | --- | --- | --- | --- |"
  if [[ -n $E_ALL ]]; then
    R_ALL=$(field "$E_ALL" events_per_s)
    echo "| trigger evaluation, $(field "$E_ALL" triggers) triggers, one thread: \`Matches\` of every trigger per event | **$(num "$R_ALL") events/s** ($(field "$E_ALL" us_per_event) µs/event; $(num "$(field "$E_ALL" events_per_cpu_s)") per CPU-second) | $(field "$E_CHEAP" triggers) × the cheapest trigger (status is closed): $(num "$(field "$E_CHEAP" events_per_s)") events/s | $(calc "%.2f" "$R_ALL / $(field "$E_CHEAP" events_per_s)") | ≥ 20,000/s | $(verdict "$R_ALL >= 20000") |"
    echo "| (same) | | the facts alone (\`FactsOf\`, FoldCase of subject, e-mail and message): $(num "$(field "$E_FACTS" events_per_s)") events/s | $(calc "%.2f" "$R_ALL / $(field "$E_FACTS" events_per_s)") | | |"
    R_FIRED=$(field "$E_FIRED" events_per_s)
    echo "| trigger evaluation as \`FireTriggers\` does it (\`FiresOn\` the event, then \`Matches\`) | $(num "$R_FIRED") events/s ($(field "$E_FIRED" us_per_event) µs/event) | as above | $(calc "%.2f" "$R_FIRED / $(field "$E_CHEAP" events_per_s)") | ≥ 20,000/s | $(verdict "$R_FIRED >= 20000") |"
  fi
  if [[ -n $E2E ]]; then
    R_E2E=$(field "$E2E" events_per_s)
    echo "| \`RuleEngine::RunTriggers\` end to end, real SQLite file, one thread ($(num "$(field "$E2E" events)") events) | **$(num "$R_E2E") events/s** ($(num "$(field "$E2E" events_per_cpu_s)") per CPU-second; $(field "$E2E" cpu_s) CPU-s over $(field "$E2E" seconds) s) | the events' tickets read by id (\`GetRuleTicket\`, read transactions of 200): $(num "$(field "$E2E_CEIL" reads_per_s)") reads/s ($(num "$(field "$E2E_CEIL" reads_per_cpu_s)") per CPU-second) | $(calc "%.4f" "$R_E2E / $(field "$E2E_CEIL" reads_per_s)") | (≥ 20,000/s if read end to end) | $(verdict "$R_E2E >= 20000") |"
  fi
  if [[ -n $S1 ]]; then
    echo "| automation sweep over $(num "$(field "$FIX" tickets)") open tickets, 10 automations (\`SweepAutomations\`) | **$(field "$S1" seconds) s**, $(num "$(field "$S1" tickets_per_s)") tickets/s; CPU $(field "$S1" cpu_s) s (all threads); peak RSS $(field "$S1" hwm_mib) MiB (before: $(field "$S1" rss_before_mib)); acted $(num "$(field "$S1" acted)") times | \`ScanRuleTickets\` alone, pages of 1,000: $(field "$S_SCAN" seconds) s, $(num "$(field "$S_SCAN" tickets_per_s)") tickets/s; CPU $(field "$S_SCAN" cpu_s) s | $(calc "%.2f" "$(field "$S1" tickets_per_s) / $(field "$S_SCAN" tickets_per_s)") | | |"
    echo "| (same) nothing due: scan + \`Matches\` of the 10, no writes | $(field "$S_EVAL" seconds) s, $(num "$(field "$S_EVAL" tickets_per_s)") tickets/s | as above | $(calc "%.2f" "$(field "$S_EVAL" tickets_per_s) / $(field "$S_SCAN" tickets_per_s)") | | |"
    echo "| second sweep right after | $(field "$S2" seconds) s; acted **$(field "$S2" acted)** times ($(num "$(field "$S2" matched)") pairs still match) | | | acts 0 times (exactly once) | $(verdict "$(field "$S2" acted) == 0") |"
  fi
  echo
  if [[ -n $STATS ]]; then
    echo "Triggers and events: $(field "$STATS" triggers) triggers; per event $(field "$STATS" triggers_fired_per_event) fire on its kind and $(field "$STATS" conditions_per_event_all) conditions are evaluated when every trigger is ($(field "$STATS" conditions_per_event_fired) as FireTriggers does); matches per event $(field "$STATS" matches_per_event_all) (all) / $(field "$STATS" matches_per_event_fired) (as FireTriggers); share of events some trigger acts on $(calc "%.1f" "100 * $(field "$STATS" events_matched_share)") % (ticket.created $(calc "%.1f" "100 * $(field "$STATS" matched_share_ticket.created)") %, ticket.updated $(calc "%.1f" "100 * $(field "$STATS" matched_share_ticket.updated)") %, message.received $(calc "%.1f" "100 * $(field "$STATS" matched_share_message.received)") %). Rounds: $(field "$E_ALL" rounds) × $EVAL_SECONDS s per mode, median shown (all: $(num "$(field "$E_ALL" min_events_per_s)")–$(num "$(field "$E_ALL" max_events_per_s)") events/s)."
  fi
  if [[ -n $E2E ]]; then
    echo "Runner: $(field "$E2E" outbox_rows) outbox rows (events, contacts created, the rules' own changes) in $(field "$E2E" rounds) rounds; acted $(field "$E2E" acted) times (predicted $(field "$E2E" predicted), rule_runs $(field "$E2E" rule_runs)), $(field "$E2E" notes) notes, $(field "$E2E" notices) notices. \`LoadRules\` alone (read and compile the workspace's triggers): median $(field "$E2E_LOAD" ms_per_call) ms per call ($(field "$E2E_LOAD" min_ms)–$(field "$E2E_LOAD" max_ms) ms, timed before and after the runner); a runner that loaded them for every event could not pass $(num "$(field "$E2E_LOAD" events_per_s_if_per_event)") events/s."
  fi
  if [[ -n $FIX ]]; then
    echo "Sweep database: $(num "$(field "$FIX" tickets)") tickets written in $(field "$FIX" seconds) s, ANALYZE as \`serve\` runs it $(field "$FIX" analyze_s) s, $(field "$FIX" db_mib) MiB. Due per automation: $(grep '^DUE ' "$OUT" | sed 's/^DUE //'). Sweep 1 matched $(num "$(field "$S1" matched)") pairs and acted $(num "$(field "$S1" acted)") times (the rest changed before their turn in the same page); sweep 2 CPU $(field "$S2" cpu_s) s."
  fi
  echo "Result checks: $(grep -c '^CHECK ok' "$OUT" || true) ok, $(grep -c '^CHECK FAILED' "$OUT" || true) failed$(grep '^CHECK FAILED' "$OUT" | sed 's/^CHECK FAILED / — /' | paste -sd ' ' || true)."
} >"$WORK/j_rules.md"
echo "== j. done (load average $END_LOAD, exit status $STATUS); summary in $WORK/j_rules.md"
exit "$STATUS"
