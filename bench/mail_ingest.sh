#!/usr/bin/env bash
# bench/mail_ingest.sh: part f of bench/run.sh, also runnable alone. See bench/README.md.
#
#   bench/mail_ingest.sh [WORK_DIR]
#
# Generates a maildir of BENCH_MAILS (10000) messages with bench/gen_maildir.py (seed
# BENCH_SEED, 42) in WORK_DIR (default: a temporary folder, removed afterwards unless
# BENCH_KEEP=1), then runs mail_ingest_bench on it: the parse-only ceiling and the full ingest
# (parse + StoreFiles + Ingest through the real store) with 1 and 2 feeding threads, each in a
# fresh data folder. Prints the program's RESULT lines, and a markdown section to
# WORK_DIR/f_mail.md. Figures, not tests: nothing fails on a slow result.
#
# Environment: BENCH_MAILS=10000, BENCH_SEED=42, BENCH_MAIL_THREADS=1,2,16 (16: what group
# commit gives with many mails in flight, as from concurrent LMTP deliveries),
# BENCH_MAIL_SYNC=full (the server's default; normal for synchronous=NORMAL),
# BENCH_BUILD=build/release, BENCH_KEEP=0.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BENCH_BUILD:-$ROOT/build/release}
BENCH=$BUILD/bench/mail_ingest_bench
MAILS=${BENCH_MAILS:-10000}
SEED=${BENCH_SEED:-42}
THREADS=${BENCH_MAIL_THREADS:-1,2,16}
SYNC=${BENCH_MAIL_SYNC:-full}

[[ -x $BENCH ]] || { echo "bench: $BENCH is missing; build the release preset first" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench: python3 is not installed" >&2; exit 1; }
[[ $MAILS =~ ^[0-9]+$ && $MAILS -ge 1 ]] || { echo "bench: BENCH_MAILS '$MAILS' is not a whole number" >&2; exit 2; }

if [[ -n ${1:-} ]]; then
  WORK=$1
  mkdir -p "$WORK"
  OWN_WORK=0
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/sahayak-mailbench.XXXXXX")
  OWN_WORK=1
fi
cleanup() {
  if (( OWN_WORK )) && [[ ${BENCH_KEEP:-0} != 1 ]]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
field() { awk -v k="$2" '{for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) { print substr($i, length(k) + 2); exit } }}' <<<"$1"; }
calc() { awk "BEGIN { printf \"$1\n\", $2 }"; }

echo "== f. generating $MAILS mails (seed $SEED) in $WORK/maildir (load average $(loadavg))"
rm -rf "$WORK/maildir" "$WORK"/data-*
python3 "$ROOT/bench/gen_maildir.py" --out "$WORK/maildir" --count "$MAILS" --seed "$SEED" | tee "$WORK/f_gen.txt"

echo "== f. mail_ingest_bench, threads $THREADS, synchronous=$SYNC (load average $(loadavg))"
"$BENCH" --maildir "$WORK/maildir" --work "$WORK" --threads "$THREADS" --sync "$SYNC" | tee "$WORK/f_mail.txt"
END_LOAD=$(loadavg)

{
  echo "| run | messages/s | p50 ms | p99 ms | load before -> after |"
  echo "| --- | --- | --- | --- | --- |"
  grep '^RESULT mode=' "$WORK/f_mail.txt" | while read -r line; do
    echo "| $(field "$line" mode), $(field "$line" threads) thread(s) | $(field "$line" msgs_per_s) | $(field "$line" p50_ms) | $(field "$line" p99_ms) | $(field "$line" load_before) -> $(field "$line" load_after) |"
  done
  echo
  grep '^RESULT mode=ingest' "$WORK/f_mail.txt" | while read -r line; do
    t=$(field "$line" threads)
    how=$(grep -A2 "^RESULT mode=ingest threads=$t " "$WORK/f_mail.txt" | grep 'threaded by:' | sed 's/^ *threaded by: *//' || true)
    echo "- ingest, $t thread(s): $(field "$line" created) tickets created, $(field "$line" replied) replies threaded, $(field "$line" noted) notes, $(field "$line" duplicate) duplicates, $(field "$line" ignored) ignored, $(field "$line" dropped) dropped; $(field "$line" transactions) transactions; $(field "$line" outbox_rows) outbox rows (the index hand-off); $(field "$line" attachments) attachments, $(field "$line" blob_mib) MiB of blobs; per message: parse $(field "$line" parse_ms_mean) ms, StoreFiles $(field "$line" files_ms_mean) ms, Write(Ingest) $(field "$line" write_ms_mean) ms (means); replies and notes threaded by: $how"
  done
  echo
  echo "Generated mix:"
  echo
  sed -n '2,$p' "$WORK/f_gen.txt" | sed 's/^ */- /'
} >"$WORK/f_mail.md"
echo "== f. done (load average $END_LOAD); summary in $WORK/f_mail.md"
