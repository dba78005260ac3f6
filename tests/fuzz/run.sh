#!/usr/bin/env bash
# Builds the libFuzzer targets for the parsers of outside input and runs each one for
# FUZZ_SECONDS (default 20) on a copy of its seed corpus under tests/fuzz/corpus/<name>/.
# Each source is compiled once for all targets, and JOBS (default: the number of cores)
# compilers and then fuzzers run at a time.
#
#   tests/fuzz/run.sh [build-dir]      build-dir defaults to /tmp/sahayak-fuzz
#   FUZZ_ONLY=chat_frame tests/fuzz/run.sh    one target
#
# Prints "fuzz <name>: ok" or "fuzz <name>: FAILED" per target (details and crash inputs go to
# the build dir) and exits non-zero if any target failed. Without clang++-14 it prints
# "fuzz: skipped (clang++-14 not found)" and exits 0.
set -u

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-/tmp/sahayak-fuzz}"
seconds="${FUZZ_SECONDS:-20}"

if ! command -v clang++-14 >/dev/null 2>&1; then
  echo "fuzz: skipped (clang++-14 not found)"
  exit 0
fi

mkdir -p "$build"
build="$(cd "$build" && pwd)"

# name|sources besides the target and src/base/status.cc|libraries
targets=(
  "html_sanitizer|src/base/html_sanitizer.cc src/base/text.cc|-lgumbo -licuuc -licui18n -lsodium"
  "multipart|src/api/multipart.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "request|src/api/http.cc src/api/json_body.cc src/base/text.cc src/domain/json_input.cc src/domain/ticket.cc src/domain/people.cc|-licuuc -licui18n -lsodium"
  "mail_threading|src/services/mail/threading.cc src/base/text.cc src/base/crypto.cc|-licuuc -licui18n -lsodium"
  "mime|src/channels/email/vmime_mail_parser.cc src/channels/email/mime_walker.cc src/channels/email/mail_text.cc src/channels/email/mail_date.cc src/channels/email/mail_kind.cc src/base/text.cc src/base/html_sanitizer.cc src/base/clock.cc|-lvmime -lgumbo -licuuc -licui18n -lsodium"
  "language|src/base/language.cc src/base/text.cc|-lcld2 -licuuc -licui18n -lsodium"
  "search_query|src/search/query/query_parser.cc src/search/query/lexer.cc src/search/query/field_term.cc src/search/query/date_term.cc src/search/query/canonical.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "analyzer|src/search/analyzer.cc src/search/phonetic.cc src/search/kannada_stem.cc src/search/text_writer.cc src/search/lexicon.cc src/base/text.cc|-lxapian -lstemmer -licuuc -licui18n -lsodium"
  "public_input|src/domain/public_host.cc src/services/webforms/form_token.cc src/base/crypto.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "tracking_input|src/services/shipments/shipment_input.cc src/domain/shipment.cc src/domain/json_input.cc src/base/crypto.cc src/base/clock.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "delivery_input|src/services/shipments/delivery_input.cc src/services/shipments/shipment_input.cc src/domain/delivery.cc src/domain/shipment.cc src/domain/people.cc src/domain/json_input.cc src/base/crypto.cc src/base/clock.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "commerce_input|src/services/commerce/commerce_input.cc src/domain/commerce.cc src/domain/shipment.cc src/domain/people.cc src/domain/json_input.cc src/base/crypto.cc src/base/clock.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "csv|src/base/csv.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "http_url|src/domain/http_url.cc|"
  "document_rule_input|src/services/shipments/document_rule_input.cc src/services/shipments/shipment_input.cc src/domain/shipment_documents.cc src/domain/shipment.cc src/domain/json_input.cc src/base/crypto.cc src/base/clock.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "markdown|src/base/markdown.cc src/base/html_sanitizer.cc src/base/text.cc src/domain/text_diff.cc|-lcmark-gfm-extensions -lcmark-gfm -lgumbo -licuuc -licui18n -lsodium"
  "chat_frame|src/services/chat/chat_frames.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "macro_input|src/domain/macro.cc src/domain/ticket.cc src/domain/custom_field.cc src/base/clock.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "ical|src/domain/ical.cc src/domain/business_hours.cc src/domain/people.cc src/base/clock.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "rule_input|src/domain/rule.cc src/domain/macro.cc src/domain/shipment.cc src/domain/sla.cc src/domain/business_hours.cc src/domain/ticket.cc src/domain/people.cc src/domain/custom_field.cc src/base/clock.cc src/base/text.cc|-licuuc -licui18n -lsodium"
  "sla_input|src/services/sla/sla_input.cc src/domain/sla.cc src/domain/business_hours.cc src/domain/ticket.cc src/domain/people.cc src/domain/custom_field.cc src/domain/json_input.cc src/base/clock.cc src/base/text.cc|-licuuc -licui18n -lsodium"
)

# Dictionaries of the tokens each parser cares about, so the fuzzer reaches deep states sooner.
write_dictionary() {
  case "$1" in
    html_sanitizer)
      printf '"%s"\n' '<a href=' '</a>' '<b>' '</b>' '<i>' '<p>' '</p>' '<div>' '</div>' \
        '<span>' '<table>' '<tr>' '<td>' '</table>' '<ul>' '<li>' '<pre>' '<br>' '<font>' \
        '<img src=' '<script>' '</script>' '<style>' '<svg>' '<math>' '<mtext>' '<mglyph>' \
        '<template>' '<noscript>' '<textarea>' '<title>' '<xmp>' '<plaintext>' '<iframe ' \
        '<object>' '</object>' '<select>' '<option>' '<form>' '<input ' '<button>' \
        '<frameset>' '<html>' '<body>' '<head>' '<!--' '-->' '<!DOCTYPE html>' '<![CDATA[' \
        ']]>' '<!' '</' '/>' ' onerror=' ' onclick=' ' style=' ' title=' ' width=' ' colspan=' \
        'javascript:' 'JaVaScRiPt:' 'vbscript:' 'https://' 'http:' 'mailto:' 'tel:' 'cid:' \
        'data:image/png;base64,' 'data:text/html,' '&#x' '&#' '&amp;' '&lt;' '&nbsp;' '&colon;' \
        '&Tab;'
      printf '"%s"\n' '\xe0\xa4\xaa\xe0\xa4\xbe' '\xe0\xb2\xa8' '\xe2\x80\x8d' '\xef\xbf\xbd' '\x00' \
        '\xc0\xaf' '\xed\xa0\x80' '\x09' '\x0a' '\\"'
      ;;
    document_rule_input)
      printf '"%s"\n' '"destination_country"' '"origin_country"' '"documents"' '"code"' \
        '"name"' '"note"' '"kb_article_id"' '"US"' '"IN"' '"*"' '"ZZ"' 'null' '[' ']' '{' \
        '}' '\xe0\xb2\xa8' '\xe0\xa4\xaa' 'e\xcc\x81'
      ;;
    delivery_input)
      printf '"%s"\n' '"kind"' '"reschedule"' '"window"' '"address"' '"safe_place"' '"date"' \
        '"windows"' '"days"' '"mon"' '"sun"' '"from"' '"until"' '"07:00"' '"24:00"' \
        '"time_zone"' '"Asia/Kolkata"' '"Europe/London"' '"language"' '"alternate_address"' \
        '"line1"' '"city"' '"pin"' '"560001"' '"country"' '"GB"' '"phone"' \
        '"preferred_channel"' '"whatsapp"' '"quiet_hours"' '"alternate"' 'null' '[' ']' '{' '}' \
        '\xe0\xb2\xa8' '\xe0\xa4\xaa'
      ;;
    commerce_input)
      printf '"%s"\n' '"number"' '"items"' '"lines"' '"name"' '"quantity"' '"unit_price"' \
        '"amount"' '"tax_rate"' '"tax"' '"total"' '"subtotal"' '"shipping"' '"discount"' \
        '"amount_paid"' '"issued_on"' '"due_on"' '"start_on"' '"end_on"' '"organisation_id"' \
        '"status"' '"payment_status"' '"tier"' '"enterprise"' '"currency"' '"INR"' '"18"' \
        '"0.05"' '"2026-12-01"' '"2027-02-29"' 'null' '[' ']' '{' '}' '1e308' '-1' \
        '\xe0\xb2\xa8' '\xe0\xa4\xaa'
      ;;
    chat_frame)
      printf '"%s"\n' '"type"' '"hello"' '"start"' '"send"' '"resume"' '"typing"' '"read"' \
        '"ping"' '"presence"' '"accept"' '"decline"' '"transfer"' '"join"' '"end"' '"token"' \
        '"language"' '"page"' '"client_id"' '"text"' '"name"' '"email"' '"fields"' \
        '"attachments"' '"internal"' '"conversation_id"' '"after"' '"active"' '"seq"' '"state"' \
        '"agent_id"' '"group_id"' '"online"' '"away"' '"offline"' 'true' 'false' 'null' \
        '9223372036854775807' '-1' '1e3' '{' '}' '[' ']' \
        '\xe0\xa4\xaa' '\xe0\xb2\xa8' 'e\xcc\x81'
      ;;
    rule_input)
      printf '"%s"\n' '"events"' '"conditions"' '"all"' '"any"' '"field"' '"operator"' \
        '"value"' '"actions"' '"type"' '"status"' '"priority"' '"tags"' '"tier"' '"subject"' \
        '"group_id"' '"custom_fields.reason"' '"custom_fields.weight"' '"hours_since_created"' \
        '"hours_until_sla_due"' '"message.body"' '"shipment.status"' '"is"' '"in"' \
        '"changed_to"' '"contains_any"' '"greater_than"' '"present"' '"ticket.updated"' \
        '"ticket.created"' '"tracking.event"' '"notify"' '"webhook"' '"url"' '"target"' \
        '"round_robin"' '"apply_macro"' '"set_status"' 'null' 'true' '1e308' '-1' '[' ']' '{' \
        '}' '\xe0\xa4\xaa' '\xe0\xb2\xa8' 'e\xcc\x81'
      ;;
    sla_input)
      printf '"%s"\n' '"name"' '"description"' '"position"' '"active"' '"conditions"' \
        '"channels"' '"priorities"' '"tiers"' '"group_ids"' '"tags"' '"targets"' '"metric"' \
        '"minutes"' '"business_hours"' '"first_response"' '"next_response"' '"resolution"' \
        '"chat"' '"email"' '"urgent"' '"enterprise"' '527040' '527041' '0' '-1' 'true' 'false' \
        'null' '[' ']' '{' '}' '\xe0\xa4\xaa' '\xe0\xb2\xa8' 'e\xcc\x81'
      ;;
    ical)
      printf '"%s"\n' 'BEGIN:VCALENDAR' 'END:VCALENDAR' 'BEGIN:VEVENT' 'END:VEVENT' \
        'BEGIN:VALARM' 'END:VALARM' 'DTSTART' 'DTEND' ';VALUE=DATE:' ';VALUE=DATE-TIME:' \
        ';TZID="Asia/Kolkata":' 'SUMMARY:' 'DURATION:P1D' 'DURATION:P2W' 'STATUS:CANCELLED' \
        'RRULE:FREQ=YEARLY' ';COUNT=' ';UNTIL=' ';INTERVAL=' ';BYMONTH=' ';BYMONTHDAY=' \
        '20260126' '20240229' '20261231T235959Z' 'T000000' '\\,' '\\;' '\\n' '\x0d\x0a ' \
        '\x0a\x09' '\xef\xbb\xbf' '\xe0\xb2\xa8' '\xe0\xa4\xaa'
      ;;
    markdown)
      printf '"%s"\n' '# ' '## ' '**' '__' '~~' '`' '```' '    ' '> ' '- ' '* ' '1. ' '- [ ] ' \
        '- [x] ' '[' '](' ')' '![' '[ref]: ' '| ' ' |' '|---|' '|:--|' '--:|' '---' '===' \
        'https://' 'www.' '/help/files/' '//' 'javascript:' '<script>' '<img src=' ' onerror=' \
        '<a href=' ' style=' '<!--' '&#x' '&lt;' '\\' '\x0a' '\x0d\x0a' '\x0a\x0a' \
        '\xe0\xa4\xaa' '\xe0\xb2\xa8'
      ;;
    http_url)
      printf '"%s"\n' 'http://' 'https://' 'HTTPS://' ':' '@' '#' '?' '/' '[' ']' '[::1]' \
        '127.0.0.1' 'localhost' ':443' ':65535' ':0' ':99999' '%20' '..' '-' '.'
      ;;
    csv)
      printf '"%s"\n' ',' ';' '\x09' '\"' '\"\"' ',\"' '\",' '\x0d\x0a' '\x0a' '\x0d' \
        ',,,\x0d\x0a' '\xef\xbb\xbf' '=' '+' '-' '@' ' ' 'sku' 'order_number' \
        'tracking_number' '\x00' '\xc3\x28' '\xe0\xa4\xaa' '\xe0\xb2\xa8'
      ;;
    multipart)
      printf '"%s"\n' 'Content-Disposition: form-data; name=' 'Content-Type: ' ' filename=' \
        ' filename*=UTF-8'"''" ' filename*=iso-8859-1'"'en'" '; name="' '\x0d\x0a' '\x0a' \
        '\x0d\x0a\x0d\x0a' '--' '\\"' '\\' '%E0%A4%AA' '%2F' '../' 'C:\\' ' boundary=' \
        '\xe2\x80\xae' '\x09'
      ;;
    mime)
      printf '"%s"\n' 'From: ' 'To: ' 'Cc: ' 'Subject: ' 'Date: ' 'Message-ID: <' 'In-Reply-To: ' \
        'References: ' 'Reply-To: ' 'MIME-Version: 1.0' 'Content-Type: ' 'multipart/mixed' \
        'multipart/alternative' 'multipart/related' 'multipart/report' \
        '; report-type=delivery-status' 'message/rfc822' 'message/delivery-status' \
        'text/rfc822-headers' 'text/plain' 'text/html' 'image/png' 'text/calendar' \
        '; boundary="' '; charset=' 'utf-8' 'iso-8859-1' 'windows-1252' 'utf-16' 'koi8-r' \
        'Content-Transfer-Encoding: ' 'base64' 'quoted-printable' '8bit' \
        'Content-Disposition: attachment' 'Content-Disposition: inline' '; filename=' \
        ' filename*=UTF-8'"''" ' filename*0*=' ' filename*1*=' 'Content-ID: <' 'cid:' \
        '=?UTF-8?B?' '=?utf-8?Q?' '?=' '=E0=A4' '=\x0d\x0a' 'Auto-Submitted: auto-replied' \
        'Precedence: bulk' 'List-Id: ' 'List-Unsubscribe: ' 'Final-Recipient: rfc822; ' \
        'Action: failed' 'Status: 5.1.1' 'Diagnostic-Code: smtp; ' 'MAILER-DAEMON@' \
        'Authentication-Results: ' '\x0d\x0a' '\x0d\x0a\x0d\x0a' '\x0a\x0a' '--' '\xff\xfe' \
        '\xe0\xa4\xaa' '\xe0\xb2\xa8'
      ;;
  esac
}

jobs="${JOBS:-$(nproc)}"

# Selected targets (FUZZ_ONLY=<name> runs one).
selected=()
for entry in "${targets[@]}"; do
  IFS='|' read -r name _ _ <<<"$entry"
  if [[ -z "${FUZZ_ONLY:-}" || "$name" == "$FUZZ_ONLY" ]]; then
    selected+=("$entry")
  fi
done

# 1. Every source the selected targets need is compiled once, $jobs at a time (text.cc alone is
#    in nearly every target), instead of once per target.
cxx=(clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer-no-link,address,undefined
  -fno-sanitize-recover=undefined -I "$root/src")
object_of() { local s="${1#"$root"/}"; echo "$build/obj/${s//\//_}.o"; }
declare -A wanted=()
for entry in "${selected[@]}"; do
  IFS='|' read -r name sources _ <<<"$entry"
  wanted["$root/tests/fuzz/fuzz_$name.cc"]=1
  wanted["$root/src/base/status.cc"]=1
  for s in $sources; do wanted["$root/$s"]=1; done
done
mkdir -p "$build/obj"
throttle() {  # waits while $jobs background jobs run
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n; done
}
for src in "${!wanted[@]}"; do
  obj="$(object_of "$src")"
  ( "${cxx[@]}" -c "$src" -o "$obj" >"$obj.log" 2>&1 || rm -f "$obj" ) &
  throttle
done
wait

# 2. Link each target; 3. run them $jobs at a time, each on a copy of its seed corpus.
run_one() {  # run_one ENTRY -> writes $build/fuzz_<name>.status ("ok" or "FAILED: why")
  local name sources libs
  IFS='|' read -r name sources libs <<<"$1"
  local binary="$build/fuzz_$name" log="$build/fuzz_$name.log"
  local corpus="$build/corpus/$name" artifacts="$build/artifacts/$name"
  local objects=("$(object_of "$root/tests/fuzz/fuzz_$name.cc")" "$(object_of "$root/src/base/status.cc")")
  local s
  for s in $sources; do objects+=("$(object_of "$root/$s")"); done
  for s in "${objects[@]}"; do
    if [[ ! -f "$s" ]]; then
      echo "FAILED: build failed, see ${s}.log" >"$build/fuzz_$name.status"
      return
    fi
  done
  # shellcheck disable=SC2086  # $libs is a list of linker flags
  if ! clang++-14 -fsanitize=fuzzer,address,undefined "${objects[@]}" $libs -o "$binary" \
      >"$log" 2>&1; then
    echo "FAILED: link failed, see $log" >"$build/fuzz_$name.status"
    return
  fi
  local options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
  write_dictionary "$name" >"$build/$name.dict"
  if [[ -s "$build/$name.dict" ]]; then
    options+=(-dict="$build/$name.dict")
  fi
  rm -rf "$corpus" "$artifacts"
  mkdir -p "$corpus" "$artifacts"
  cp "$root/tests/fuzz/corpus/$name/"* "$corpus/"
  if [[ "$name" == mime ]]; then
    cp "$root/tests/data/mail/"*.eml "$corpus/"  # the mail corpus seeds the MIME parser
  fi
  if "$binary" "${options[@]}" -artifact_prefix="$artifacts/" "$corpus" >>"$log" 2>&1; then
    local runs
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')"
    echo "ok ${runs:-?} runs in ${seconds}s, corpus $(ls "$corpus" | wc -l) inputs" \
      >"$build/fuzz_$name.status"
  else
    echo "FAILED: see $log; crashing input in $artifacts" >"$build/fuzz_$name.status"
  fi
}

for entry in "${selected[@]}"; do
  IFS='|' read -r name _ _ <<<"$entry"
  rm -f "$build/fuzz_$name.status"
  run_one "$entry" &
  throttle
done
wait

failed=0
for entry in "${selected[@]}"; do
  IFS='|' read -r name _ _ <<<"$entry"
  status="$(cat "$build/fuzz_$name.status" 2>/dev/null || echo "FAILED: no result")"
  if [[ "$status" == ok* ]]; then
    echo "fuzz $name: ok"
    echo "  ${status#ok }" >&2
  else
    echo "fuzz $name: FAILED"
    echo "  ${status#FAILED: }" >&2
    failed=1
  fi
done
exit "$failed"
