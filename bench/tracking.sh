#!/usr/bin/env bash
# bench/tracking.sh: part h of bench/run.sh, also runnable alone. See bench/README.md.
#
#   bench/tracking.sh [WORK_DIR]
#
# Runs tracking_bench in WORK_DIR (default: a temporary folder, removed afterwards unless
# BENCH_KEEP=1): raw SQLite ceilings, then BENCH_TRACKING_EVENTS (200,000) tracking events of a
# simulated carrier feed through ShipmentService::Ingest into a fresh data folder, then lookups
# by tracking number (the API's path and the ceilings). Prints the program's output and writes
# a markdown section to WORK_DIR/h_tracking.md. Figures, not tests: nothing fails on a slow
# result.
#
# Environment:
#   BENCH_TRACKING_EVENTS=200000     events to ingest (the issue's scale is 10,000,000: about
#                                    half an hour on the reference machine)
#   BENCH_TRACKING_SECONDS=0         stop ingesting after this many seconds (0: no limit); the
#                                    lookups then run over what was stored
#   BENCH_TRACKING_BATCH=500         events per POST /api/v1/tracking-events body (1-1000)
#   BENCH_TRACKING_FEEDERS=2         concurrent feeders (as concurrent requests)
#   BENCH_TRACKING_RAW_EVENTS=       events of each raw SQLite ceiling (default: as many as
#                                    BENCH_TRACKING_EVENTS); 0 skips them
#   BENCH_TRACKING_LOOKUPS=10000     lookups per mode, each mode at most
#   BENCH_TRACKING_LOOKUP_SECONDS=60 seconds
#   BENCH_TRACKING_SYNC=full         synchronous of the databases (full, the server's default,
#                                    or normal)
#   BENCH_TRACKING_SPAN_HOURS=20     the feed's events lie in the last this many hours (over 24:
#                                    the older ones are a stale backfill to the notifier)
#   BENCH_TRACKING_CONTACT_SHARE=0.8 share of parcels the shop registered with a customer
#   BENCH_SEED=42, BENCH_BUILD=build/release, BENCH_KEEP=0
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BENCH_BUILD:-$ROOT/build/release}
BENCH=$BUILD/bench/tracking_bench
EVENTS=${BENCH_TRACKING_EVENTS:-200000}
SECONDS_LIMIT=${BENCH_TRACKING_SECONDS:-0}
BATCH=${BENCH_TRACKING_BATCH:-500}
FEEDERS=${BENCH_TRACKING_FEEDERS:-2}
RAW_EVENTS=${BENCH_TRACKING_RAW_EVENTS:-$EVENTS}
LOOKUPS=${BENCH_TRACKING_LOOKUPS:-10000}
LOOKUP_SECONDS=${BENCH_TRACKING_LOOKUP_SECONDS:-60}
SYNC=${BENCH_TRACKING_SYNC:-full}
SPAN_HOURS=${BENCH_TRACKING_SPAN_HOURS:-20}
CONTACT_SHARE=${BENCH_TRACKING_CONTACT_SHARE:-0.8}
SEED=${BENCH_SEED:-42}

[[ -x $BENCH ]] || { echo "bench: $BENCH is missing; build the release preset first" >&2; exit 1; }
for n in "$EVENTS" "$SECONDS_LIMIT" "$BATCH" "$FEEDERS" "$RAW_EVENTS" "$LOOKUPS" "$LOOKUP_SECONDS" "$SEED"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "bench: '$n' is not a whole number" >&2; exit 2; }
done
(( EVENTS >= 1 && BATCH >= 1 && BATCH <= 1000 && FEEDERS >= 1 && LOOKUP_SECONDS >= 1 )) ||
  { echo "bench: BENCH_TRACKING_EVENTS >= 1, BATCH 1-1000, FEEDERS >= 1, LOOKUP_SECONDS >= 1" >&2; exit 2; }

if [[ -n ${1:-} ]]; then
  WORK=$1
  mkdir -p "$WORK"
  OWN_WORK=0
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/sahayak-trackingbench.XXXXXX")
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

RAW_MODES=events,rows
(( RAW_EVENTS == 0 )) && RAW_MODES=none
KEEP_FLAG=()
[[ ${BENCH_KEEP:-0} == 1 ]] && KEEP_FLAG=(--keep)

echo "== h. tracking_bench: $EVENTS events (time limit ${SECONDS_LIMIT}s, 0 = none), batches of $BATCH, $FEEDERS feeders, synchronous=$SYNC (load average $(loadavg))"
START_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
"$BENCH" --work "$WORK" --events "$EVENTS" --batch "$BATCH" --feeders "$FEEDERS" --seed "$SEED" \
  --ingest-seconds "$SECONDS_LIMIT" --sync "$SYNC" --raw-events "$RAW_EVENTS" --raw-modes "$RAW_MODES" \
  --lookups "$LOOKUPS" --lookup-seconds "$LOOKUP_SECONDS" --span-hours "$SPAN_HOURS" \
  --contact-share "$CONTACT_SHARE" "${KEEP_FLAG[@]}" | tee "$WORK/h_tracking.txt"
END_LOAD=$(loadavg)

OUT=$WORK/h_tracking.txt
INGEST=$(grep '^RESULT phase=ingest ' "$OUT")
RAW_EV=$(grep '^RESULT phase=raw mode=events ' "$OUT" || true)
RAW_ROWS=$(grep '^RESULT phase=raw mode=rows ' "$OUT" || true)
L_API=$(grep '^RESULT phase=lookup mode=api ' "$OUT")
L_NUM=$(grep '^RESULT phase=lookup mode=by_number ' "$OUT")
L_RAWN=$(grep '^RESULT phase=lookup mode=raw_number ' "$OUT")
L_PK=$(grep '^RESULT phase=lookup mode=raw_pk ' "$OUT")
SUMMARY=$(grep '^RESULT phase=summary ' "$OUT")
RATE=$(field "$INGEST" events_per_s)
STORED=$(field "$INGEST" event_rows)

{
  echo "- Date: $START_DATE; machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
  LIMIT_NOTE=
  if (( SECONDS_LIMIT > 0 )); then LIMIT_NOTE=", at most ${SECONDS_LIMIT}s of ingest"; fi
  echo "- Scale: $(field "$INGEST" events) events sent ($EVENTS asked for$LIMIT_NOTE), $STORED stored, $(field "$INGEST" shipments) shipments; batches of $BATCH, $FEEDERS feeders, synchronous=$SYNC; database $(field "$SUMMARY" db_mib) MiB"
  echo "- Load average (1/5/15 min) before ingest $(field "$INGEST" load_before | tr , ' '), after $(field "$INGEST" load_after | tr , ' '); at the end $END_LOAD"
  echo "- Peak RSS of the bench process (VmHWM; the store, its caches and the generator): $(field "$SUMMARY" hwm_mib) MiB"
  echo
  echo "| benchmark | figure | ceiling (same run) | ratio | target | met |"
  echo "| --- | --- | --- | --- | --- | --- |"
  if [[ -n $RAW_ROWS ]]; then
    echo "| ingest (ParseJsonBody + Write(ShipmentService::Ingest)) | $RATE events/s (batch p50 $(field "$INGEST" batch_p50_ms) ms, p99 $(field "$INGEST" batch_p99_ms) ms) | raw SQLite, the same statements, $(field "$RAW_ROWS" events) events: $(field "$RAW_ROWS" events_per_s) events/s | $(calc "%.2f" "$RATE / $(field "$RAW_ROWS" events_per_s)") | >= 5,000/s | $(verdict "$RATE >= 5000") |"
    echo "| (same) | | raw SQLite, event rows alone, $(field "$RAW_EV" events) events: $(field "$RAW_EV" events_per_s) events/s | $(calc "%.2f" "$RATE / $(field "$RAW_EV" events_per_s)") | | |"
  else
    echo "| ingest (ParseJsonBody + Write(ShipmentService::Ingest)) | $RATE events/s (batch p50 $(field "$INGEST" batch_p50_ms) ms, p99 $(field "$INGEST" batch_p99_ms) ms) | (raw ceilings skipped) | | >= 5,000/s | $(verdict "$RATE >= 5000") |"
  fi
  echo "| lookup as \`GET /api/v1/shipments?tracking_number=\` ($(field "$L_API" lookups) lookups) | p50 $(field "$L_API" p50_ms) ms, p99 $(field "$L_API" p99_ms) ms | raw SQLite by number + newest 100 events: p50 $(field "$L_RAWN" p50_ms) ms, p99 $(field "$L_RAWN" p99_ms) ms | $(calc "%.1f" "$(field "$L_API" p99_ms) / $(field "$L_RAWN" p99_ms)")x p99 | p99 < 5 ms | $(verdict "$(field "$L_API" p99_ms) < 5") |"
  echo "| lookup with FindShipmentsByNumbers (the index; $(field "$L_NUM" lookups) lookups) | p50 $(field "$L_NUM" p50_ms) ms, p99 $(field "$L_NUM" p99_ms) ms | raw SQLite primary-key point lookup: p50 $(field "$L_PK" p50_ms) ms, p99 $(field "$L_PK" p99_ms) ms | $(calc "%.1f" "$(field "$L_NUM" p99_ms) / $(field "$L_RAWN" p99_ms)")x p99 of by-number | p99 < 5 ms | $(verdict "$(field "$L_NUM" p99_ms) < 5") |"
  echo
  echo "| lookup mode | lookups | p50 ms | p90 ms | p99 ms | max ms | events per lookup | mean bytes | load before -> after |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for line in "$L_API" "$L_NUM" "$L_RAWN" "$L_PK"; do
    echo "| $(field "$line" mode) | $(field "$line" lookups) | $(field "$line" p50_ms) | $(field "$line" p90_ms) | $(field "$line" p99_ms) | $(field "$line" max_ms) | $(field "$line" events_per_lookup) | $(field "$line" mean_body_bytes) | $(field "$line" load_before | tr , ' ') -> $(field "$line" load_after | tr , ' ') |"
  done
  echo
  echo "Shops' registrations before the first event (ShipmentService::Create with a customer): $(field "$INGEST" registered) parcels, $(field "$INGEST" register_s) s of the writer's time; Ingest itself $(field "$INGEST" ingest_exec_s) s of it. The notifier decided (notice:outcome=count): $(grep '^NOTICES ' "$OUT" | sed 's/^NOTICES decided=//')."
  echo "Ingest: $(field "$INGEST" accepted) events recorded, $(field "$INGEST" duplicates) duplicates (replays sent: $(field "$INGEST" replays_sent)), $(field "$INGEST" late_scans) late scans, $(field "$INGEST" failed_batches) failed batches; $(field "$INGEST" transactions) transactions; $(field "$INGEST" audit_rows) audit events and $(field "$INGEST" outbox_rows) outbox rows; CPU $(field "$INGEST" cpu_s) s over $(field "$INGEST" seconds) s (the generator $(field "$INGEST" generator_cpu_s) s of it); parse + NFC $(field "$INGEST" parse_ms_mean) ms per batch."
  echo "The API's list statement with a tracking number: $(grep '^PLAN ' "$OUT" | sed 's/^PLAN api list by tracking_number: //')."
} >"$WORK/h_tracking.md"
echo "== h. done (load average $END_LOAD); summary in $WORK/h_tracking.md"
