#!/usr/bin/python3
"""bench/search_bench.py: the measuring half of bench/search.sh (which says what it runs).

    search_bench.py plan  --db DB --out plan.json [--per-class 200] [--seed 42] [--sample 20000]
    search_bench.py http  --port P --token T --plan plan.json --out http.json
    search_bench.py fts5  --db DB --work DIR --plan plan.json --out fts.json
    search_bench.py report --plan plan.json --http http.json --fts fts.json --facts facts.json
                           --out search.md
    search_bench.py update-results --section search.md --results bench/RESULTS.md

plan: draws the queries from the seeded corpus itself. A sample of the oldest tickets (whole
days in IST, about --sample tickets) is read and split into words the right way for Indic
scripts (a word is a run of letters, digits and combining marks: पार्सल is one word), and
each query class gets --per-class queries, rotating English, Hindi and Kannada: one word, two
and three words of one ticket, a phrase of two adjacent words, filters only, one word with a
filter. It also picks the correctness queries: frequent Hindi and Kannada words, and fragments
that SQLite's unicode61 tokenizer cuts out of them (it splits at vowel signs and virama:
पार्सल → प / र / सल) which are not words anywhere in the sample; for each, the exact set of
sample tickets that contain it as a whole word.

http: one keep-alive connection to `sahayak serve`, GET /healthz as the ceiling, then each
class (after a short warm-up) as GET /api/v1/search?type=ticket&limit=25&q=…; latencies include
HTTP. Then the correctness queries restricted to the sample with `created<DAY`, every page.

fts5: the same corpus in SQLite FTS5 (unicode61, the default) in a separate database file (the
Sahayak database is attached read-only): one row per ticket, subject + all its messages; the
build is timed; then the same query classes in-process (MATCH on quoted words, ORDER BY rank
LIMIT 25; filters as SQL on a copy of the ticket columns with an index), and the correctness
queries on the sample (rowid range), counted against the whole-word truth.

Python standard library only. Figures, not tests: nothing here fails on a slow result.
"""

import argparse
import collections
import http.client
import json
import os
import random
import re
import sqlite3
import statistics
import sys
import time
import unicodedata
import urllib.parse

IST_MS = 330 * 60 * 1000
DAY_MS = 86400 * 1000
CLASSES = ["one_word", "two_words", "three_words", "phrase", "filters_only", "text_filters"]
CLASS_LABEL = {"one_word": "one word", "two_words": "two words", "three_words": "three words",
               "phrase": "phrase (2 words)", "filters_only": "filters only",
               "text_filters": "word + filter"}
SCRIPTS = ["en", "hi", "kn"]
STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"]
PRIORITIES = ["low", "normal", "high", "urgent"]
CHANNELS = ["email", "chat", "phone", "web", "portal", "social"]
# A word: letters/digits (\w minus '_') plus Devanagari (without the dandas) and Kannada
# blocks (vowel signs, virama, nukta), ZWJ and ZWNJ.
WORD_RE = re.compile(r"(?:[^\W_]|[\u0900-\u0963\u0966-\u097F\u0C80-\u0CFF\u200C\u200D])+")


def nfc_fold(text):
    return unicodedata.normalize("NFC", text).casefold()


def words(text):
    return [w.replace("\u200c", "").replace("\u200d", "")
            for w in WORD_RE.findall(nfc_fold(text))]


def script_of(word):
    c = word[0]
    if "\u0900" <= c <= "\u097f":
        return "hi"
    if "\u0c80" <= c <= "\u0cff":
        return "kn"
    if word.isascii() and word.isalpha():
        return "en"
    return None


def unicode61_pieces(word):
    """What FTS5's unicode61 makes of one word: combining marks (Mn, Mc) separate tokens."""
    pieces, cur = [], ""
    for ch in word:
        if unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf"):
            if cur:
                pieces.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        pieces.append(cur)
    return pieces


def day_start_ist(ms):
    return (ms + IST_MS) // DAY_MS * DAY_MS - IST_MS


def ist_date(ms):
    return time.strftime("%Y-%m-%d", time.gmtime((ms + IST_MS) / 1000))


def open_ro(path):
    return sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(os.path.abspath(path)), uri=True)


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def lat_summary(ms):
    return {"n": len(ms), "p50_ms": round(percentile(ms, 50), 3),
            "p99_ms": round(percentile(ms, 99), 3), "max_ms": round(max(ms), 3) if ms else None,
            "mean_ms": round(statistics.fmean(ms), 3) if ms else None}


# --- plan -------------------------------------------------------------------------------------
def cmd_plan(args):
    rng = random.Random(args.seed)
    db = open_ro(args.db)
    n_tickets, min_id, max_id = db.execute("SELECT count(*), min(id), max(id) FROM tickets").fetchone()
    # The sample: whole IST days of the oldest tickets, about args.sample of them.
    row = db.execute("SELECT created_at FROM tickets ORDER BY id LIMIT 1 OFFSET ?",
                     (min(args.sample, n_tickets - 1),)).fetchone()
    last = db.execute("SELECT max(created_at) FROM tickets").fetchone()[0]
    if n_tickets <= args.sample:
        boundary = day_start_ist(last) + DAY_MS
    else:
        boundary = day_start_ist(row[0])
    sample_ids = [r[0] for r in db.execute(
        "SELECT id FROM tickets WHERE created_at < ? ORDER BY id", (boundary,))]
    if not sample_ids:
        boundary = day_start_ist(row[0]) + DAY_MS
        sample_ids = [r[0] for r in db.execute(
            "SELECT id FROM tickets WHERE created_at < ? ORDER BY id", (boundary,))]
    lo, hi = sample_ids[0], sample_ids[-1]
    texts = collections.defaultdict(list)  # ticket id -> [text, ...]
    for tid, subject in db.execute("SELECT id, subject FROM tickets WHERE id BETWEEN ? AND ?",
                                   (lo, hi)):
        texts[tid].append(subject)
    for tid, body in db.execute("SELECT ticket_id, body FROM messages WHERE ticket_id BETWEEN ? "
                                "AND ? ORDER BY id", (lo, hi)):
        texts[tid].append(body)
    tokens = {tid: [words(t) for t in ts] for tid, ts in texts.items()}
    freq = {s: collections.Counter() for s in SCRIPTS}
    postings = collections.defaultdict(set)
    for tid, tl in tokens.items():
        for ws in tl:
            for w in ws:
                postings[w].add(tid)
                s = script_of(w)
                if s:
                    freq[s][w] += 1
    pool = {}
    for s in SCRIPTS:
        ranked = [w for w, c in freq[s].most_common(400) if c >= 3 and len(w) >= (3 if s == "en" else 2)]
        pool[s] = ranked[10:] if len(ranked) > 40 else ranked
    pool_set = {s: set(pool[s]) for s in SCRIPTS}
    tids = sorted(tokens)

    def ticket_words(script, k):
        for _ in range(1000):
            tid = rng.choice(tids)
            cand = sorted({w for ws in tokens[tid] for w in ws if w in pool_set[script]})
            if len(cand) >= k:
                return rng.sample(cand, k)
        return rng.sample(pool[script], k)

    def adjacent_pair(script):
        for _ in range(1000):
            tid = rng.choice(tids)
            ws = rng.choice(tokens[tid])
            pairs = [(a, b) for a, b in zip(ws, ws[1:])
                     if script_of(a) == script and script_of(b) == script
                     and len(a) >= 2 and len(b) >= 2]
            if pairs:
                return list(rng.choice(pairs))
        return rng.sample(pool[script], 2)

    def fts_words(ws):
        return " ".join('"%s"' % w.replace('"', '""') for w in ws)

    queries = {c: [] for c in CLASSES}
    for i in range(args.per_class):
        script = SCRIPTS[i % 3]
        w = rng.choice(pool[script])
        queries["one_word"].append({"script": script, "q": w, "match": fts_words([w])})
        ws = ticket_words(script, 2)
        queries["two_words"].append({"script": script, "q": " ".join(ws), "match": fts_words(ws)})
        ws = ticket_words(script, 3)
        queries["three_words"].append({"script": script, "q": " ".join(ws), "match": fts_words(ws)})
        a, b = adjacent_pair(script)
        queries["phrase"].append({"script": script, "q": '"%s %s"' % (a, b),
                                  "match": '"%s %s"' % (a, b)})
        st = rng.choice(STATUSES)
        if i % 2 == 0:
            f = {"status": st, "priority": rng.choice(PRIORITIES)}
        else:
            f = {"status": st, "channel": rng.choice(CHANNELS)}
        queries["filters_only"].append({"script": "-", "q": " ".join(
            "%s:%s" % kv for kv in f.items()), "filters": f})
        w = rng.choice(pool[script])
        st = rng.choice(["open", "pending", "solved", "closed"])
        queries["text_filters"].append({"script": script, "q": "%s status:%s" % (w, st),
                                        "match": fts_words([w]), "filters": {"status": st}})

    # Correctness: frequent Indic words and unicode61 fragments that are not words.
    correctness = []
    for s in ("hi", "kn"):
        must = {"hi": "पार्सल", "kn": "ಪಾರ್ಸೆಲ್"}[s]
        content = ([must] if must in postings else []) + [
            w for w, c in freq[s].most_common(300) if len(w) >= 4 and w != must]
        content = content[:6]
        for w in content:
            correctness.append({"script": s, "kind": "word", "q": w})
        frag_count = collections.Counter()
        for w, c in freq[s].most_common(100):
            for p in unicode61_pieces(w):
                if p not in postings and p != w:
                    frag_count[p] += c
        frags = [p for p, _ in frag_count.most_common(5)]
        if s == "hi" and "सल" not in frags and "सल" not in postings and any(
                "पार्सल" in w for w in freq[s]):
            frags[-1:] = ["सल"]
        for p in frags:
            correctness.append({"script": s, "kind": "fragment", "q": p})
    for c in correctness:
        c["match"] = fts_words([c["q"]])
        c["truth"] = sorted(postings.get(c["q"], ()))
    plan = {"db": os.path.abspath(args.db), "tickets": n_tickets, "min_id": min_id,
            "max_id": max_id, "sample": {"first_id": lo, "last_id": hi, "tickets": len(sample_ids),
                                         "before_ms": boundary, "before_day": ist_date(boundary)},
            "pool_sizes": {s: len(pool[s]) for s in SCRIPTS}, "queries": queries,
            "correctness": correctness, "per_class": args.per_class}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(plan, f, ensure_ascii=False, indent=1)
    print("plan: %d tickets; sample %d tickets (ids %d-%d, created before %s IST); word pools "
          "en %d, hi %d, kn %d; %d correctness queries"
          % (n_tickets, len(sample_ids), lo, hi, ist_date(boundary), len(pool["en"]),
             len(pool["hi"]), len(pool["kn"]), len(correctness)))


# --- http -------------------------------------------------------------------------------------
class Conn:
    def __init__(self, port, token):
        self.port, self.token = port, token
        self.c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path):
        hdrs = {"Accept": "application/json"}
        if self.token:
            hdrs["Authorization"] = "Bearer " + self.token
        try:
            self.c.request("GET", path, headers=hdrs)
            r = self.c.getresponse()
            body = r.read()
        except (http.client.HTTPException, OSError):
            self.c.close()
            self.c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            raise
        return r.status, body


def search_path(q, limit=25, cursor=""):
    p = "/api/v1/search?type=ticket&limit=%d&q=%s" % (limit, urllib.parse.quote(q, safe=""))
    if cursor:
        p += "&cursor=" + urllib.parse.quote(cursor, safe="")
    return p


def cmd_http(args):
    plan = json.load(open(args.plan, encoding="utf-8"))
    conn = Conn(args.port, args.token)
    out = {"classes": {}, "correctness": []}

    def timed(path):
        t0 = time.perf_counter()
        status, body = conn.get(path)
        return (time.perf_counter() - t0) * 1000.0, status, body

    for _ in range(50):
        timed("/healthz")
    hz = [timed("/healthz")[0] for _ in range(args.ceiling_requests)]
    out["healthz"] = lat_summary(hz)
    print("RESULT class=healthz n=%d p50_ms=%.3f p99_ms=%.3f" % (
        len(hz), out["healthz"]["p50_ms"], out["healthz"]["p99_ms"]), flush=True)
    for cls in CLASSES:
        qs = plan["queries"][cls]
        for q in qs[:10]:  # warm-up
            timed(search_path(q["q"]))
        lat, per_script, errors, zero, totals, problems = [], collections.defaultdict(list), 0, 0, [], 0
        for q in qs:
            ms, status, body = timed(search_path(q["q"]))
            if status != 200:
                errors += 1
                if errors <= 3:
                    print("  %s %r -> %d %s" % (cls, q["q"], status, body[:300]), file=sys.stderr)
                continue
            lat.append(ms)
            per_script[q["script"]].append(ms)
            doc = json.loads(body)
            totals.append(doc.get("total", 0))
            if not doc.get("data"):
                zero += 1
            if doc.get("problems"):
                problems += 1
        rec = lat_summary(lat)
        rec.update({"errors": errors, "empty": zero, "with_problems": problems,
                    "median_total": statistics.median(totals) if totals else None,
                    "per_script": {s: lat_summary(v) for s, v in per_script.items()}})
        out["classes"][cls] = rec
        print("RESULT class=%s n=%d p50_ms=%.3f p99_ms=%.3f max_ms=%s errors=%d empty=%d "
              "median_total=%s" % (cls, rec["n"], rec["p50_ms"], rec["p99_ms"], rec["max_ms"],
                                   errors, zero, rec["median_total"]), flush=True)
    before = plan["sample"]["before_day"]
    for c in plan["correctness"]:
        q = "%s created<%s" % (c["q"], before)
        ids, cursor, status, prob = [], "", 200, []
        for _ in range(args.max_pages):
            status, body = conn.get(search_path(q, 100, cursor))
            if status != 200:
                break
            doc = json.loads(body)
            prob = [p.get("code") for p in doc.get("problems") or []]
            ids += [h["id"] for h in doc.get("data", [])]
            cursor = doc.get("next_cursor") or ""
            if not cursor:
                break
        truth = set(c["truth"])
        got = set(i for i in ids if plan["sample"]["first_id"] <= i <= plan["sample"]["last_id"])
        rec = {"q": c["q"], "script": c["script"], "kind": c["kind"], "status": status,
               "truth": len(truth), "hits": len(got), "extra": len(got - truth),
               "missed": len(truth - got), "outside_sample": len(set(ids) - got),
               "problems": prob, "complete": not cursor}
        out["correctness"].append(rec)
        print("CORRECT engine=sahayak q=%s kind=%s truth=%d hits=%d extra=%d missed=%d%s" % (
            c["q"], c["kind"], rec["truth"], rec["hits"], rec["extra"], rec["missed"],
            "" if status == 200 else " status=%d" % status), flush=True)
    json.dump(out, open(args.out, "w", encoding="utf-8"), ensure_ascii=False, indent=1)


# --- fts5 -------------------------------------------------------------------------------------
def cmd_fts5(args):
    plan = json.load(open(args.plan, encoding="utf-8"))
    os.makedirs(args.work, exist_ok=True)
    path = os.path.join(args.work, "fts5.db")
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    db = sqlite3.connect("file:%s" % urllib.parse.quote(path), uri=True, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")
    db.execute("ATTACH ? AS src", ("file:%s?mode=ro" % urllib.parse.quote(plan["db"]),))
    out = {"sqlite_version": sqlite3.sqlite_version, "classes": {}, "correctness": []}
    db.execute("CREATE VIRTUAL TABLE ft USING fts5(subject, body)")  # tokenize=unicode61
    t0 = time.perf_counter()
    db.execute("BEGIN")
    db.execute("INSERT INTO ft(rowid, subject, body) SELECT t.id, t.subject, "
               "(SELECT group_concat(m.body, char(10)) FROM src.messages m WHERE m.ticket_id = t.id) "
               "FROM src.tickets t")
    db.execute("COMMIT")
    build_s = time.perf_counter() - t0
    fts_bytes = os.path.getsize(path)
    t0 = time.perf_counter()
    db.execute("BEGIN")
    db.execute("CREATE TABLE tk (id INTEGER PRIMARY KEY, status TEXT, priority TEXT, channel TEXT)")
    db.execute("INSERT INTO tk SELECT id, status, priority, channel FROM src.tickets")
    db.execute("CREATE INDEX tk_sp ON tk (status, priority, id)")
    db.execute("CREATE INDEX tk_sc ON tk (status, channel, id)")
    db.execute("COMMIT")
    table_s = time.perf_counter() - t0
    n = plan["tickets"]
    out["build"] = {"seconds": round(build_s, 2), "tickets_per_s": round(n / build_s, 1),
                    "fts_mib": round(fts_bytes / 1048576, 1),
                    "filter_table_seconds": round(table_s, 2)}
    print("RESULT fts5_build tickets=%d seconds=%.2f tickets_per_s=%.1f size_mib=%.1f "
          "filter_table_s=%.2f" % (n, build_s, n / build_s, fts_bytes / 1048576, table_s),
          flush=True)
    db.execute("DETACH src")

    def run(q):
        f = q.get("filters") or {}
        if "match" not in q:
            where = " AND ".join("%s = ?" % k for k in f)
            sql = "SELECT id FROM tk WHERE %s ORDER BY id DESC LIMIT 25" % where
            return db.execute(sql, tuple(f.values())).fetchall()
        if f:
            where = "".join(" AND tk.%s = ?" % k for k in f)
            sql = ("SELECT ft.rowid FROM ft JOIN tk ON tk.id = ft.rowid WHERE ft MATCH ?%s "
                   "ORDER BY rank LIMIT 25" % where)
            return db.execute(sql, (q["match"],) + tuple(f.values())).fetchall()
        return db.execute("SELECT rowid FROM ft WHERE ft MATCH ? ORDER BY rank LIMIT 25",
                          (q["match"],)).fetchall()

    for cls in CLASSES:
        qs = plan["queries"][cls]
        for q in qs[:10]:
            run(q)
        lat, per_script, zero = [], collections.defaultdict(list), 0
        started = time.perf_counter()
        for q in qs:
            t0 = time.perf_counter()
            rows = run(q)
            ms = (time.perf_counter() - t0) * 1000.0
            lat.append(ms)
            per_script[q["script"]].append(ms)
            zero += not rows
            if time.perf_counter() - started > args.class_budget:
                break
        rec = lat_summary(lat)
        rec.update({"empty": zero, "per_script": {s: lat_summary(v) for s, v in per_script.items()},
                    "budget_cut": len(lat) < len(qs)})
        out["classes"][cls] = rec
        print("RESULT fts5 class=%s n=%d p50_ms=%.3f p99_ms=%.3f max_ms=%s empty=%d" % (
            cls, rec["n"], rec["p50_ms"], rec["p99_ms"], rec["max_ms"], zero), flush=True)
    lo, hi = plan["sample"]["first_id"], plan["sample"]["last_id"]
    for c in plan["correctness"]:
        got = {r[0] for r in db.execute(
            "SELECT rowid FROM ft WHERE ft MATCH ? AND rowid BETWEEN ? AND ?", (c["match"], lo, hi))}
        truth = set(c["truth"])
        rec = {"q": c["q"], "script": c["script"], "kind": c["kind"], "truth": len(truth),
               "hits": len(got), "false_hits": len(got - truth), "missed": len(truth - got)}
        out["correctness"].append(rec)
        print("CORRECT engine=fts5 q=%s kind=%s truth=%d hits=%d false_hits=%d missed=%d" % (
            c["q"], c["kind"], rec["truth"], rec["hits"], rec["false_hits"], rec["missed"]),
            flush=True)
    db.close()
    json.dump(out, open(args.out, "w", encoding="utf-8"), ensure_ascii=False, indent=1)


# --- report -----------------------------------------------------------------------------------
def fmt(x, nd=2):
    if x is None or (isinstance(x, float) and x != x):
        return "n/a"
    if isinstance(x, (int,)) or (isinstance(x, float) and x >= 1000):
        return "{:,.0f}".format(x)
    return ("{:.%df}" % nd).format(x)


def cmd_report(args):
    plan = json.load(open(args.plan, encoding="utf-8"))
    facts = json.load(open(args.facts, encoding="utf-8"))
    h = json.load(open(args.http, encoding="utf-8")) if args.http and os.path.exists(args.http) else None
    f = json.load(open(args.fts, encoding="utf-8")) if args.fts and os.path.exists(args.fts) else None
    L = []
    n = plan["tickets"]
    L.append("- Date: %s; commit %s; machine: %s" % (facts.get("date"), facts.get("commit"),
                                                   facts.get("machine")))
    L.append("- Data: %s tickets (`seed-demo --seed %s`), %s messages; database %s MiB; "
             "seeding: %s" % (fmt(n), facts.get("seed"), fmt(facts.get("messages")),
                              facts.get("db_mib"), facts.get("seed_note")))
    L.append("- Load average (1/5/15 min): at start %s; after reindex %s; after the HTTP "
             "queries %s; after FTS5 %s (2 CPUs shared with the other work on the machine)" % (
                 facts.get("load_start"), facts.get("load_reindex"), facts.get("load_http"),
                 facts.get("load_fts")))
    L.append("")
    L.append("| benchmark | figure | ceiling (same run) | ratio | target | met |")
    L.append("| --- | --- | --- | --- | --- | --- |")
    rs = facts.get("reindex_seconds")
    read_s = facts.get("read_seconds")
    if rs:
        rate = n / rs
        ceil = n / read_s if read_s else None
        allocator = facts.get("reindex_allocator")
        L.append("| index build (`sahayak reindex`%s) | %s tickets/s (%s s for %s tickets) | "
                 "reading the same subjects + messages from SQLite (sqlite3 shell): %s tickets/s | "
                 "%s | >= 5,000/s | %s |" % (", under " + allocator if allocator else "",
                                             fmt(rate), fmt(rs, 1), fmt(n), fmt(ceil),
                                             fmt(rate / ceil) if ceil else "", "yes" if rate >= 5000 else "**NO**"))
        cpu = facts.get("reindex_cpu_seconds")
        if cpu:
            L.append("| index build, CPU time (user + system, all threads) | %s tickets per CPU-second "
                     "(%s CPU-s): %s tickets/s on 2 idle cores | | | >= 5,000/s | %s |" % (
                         fmt(n / cpu), fmt(cpu, 1), fmt(2 * n / cpu),
                         "yes" if 2 * n / cpu >= 5000 else "**NO**"))
        L.append("| index size on disk (`du DATA/search`) | %s MiB | database %s MiB | %s | | |" % (
            facts.get("index_mib"), facts.get("db_mib"),
            fmt(float(facts["index_mib"]) / float(facts["db_mib"])) if facts.get("index_mib") and facts.get("db_mib") else ""))
    else:
        L.append("| index build (`sahayak reindex`) | %s | | | >= 5,000/s | |" % facts.get("reindex_note", "not run"))
    if f:
        b = f["build"]
        L.append("| SQLite FTS5 build, same text (unicode61) | %s tickets/s (%s s); %s MiB | | | | |" % (
            fmt(b["tickets_per_s"]), fmt(b["seconds"], 1), fmt(b["fts_mib"], 1)))
    if h:
        hz = h["healthz"]
        for cls in CLASSES:
            c = h["classes"].get(cls)
            if not c:
                continue
            ok = c["p99_ms"] < 50
            L.append("| search over HTTP, %s (%d queries) | p50 %s ms, p99 %s ms | `GET /healthz` "
                     "same connection: p50 %s ms, p99 %s ms | %s | p99 < 50 ms | %s |" % (
                         CLASS_LABEL[cls], c["n"], fmt(c["p50_ms"]), fmt(c["p99_ms"]),
                         fmt(hz["p50_ms"], 3), fmt(hz["p99_ms"], 3),
                         fmt(c["p50_ms"] / hz["p50_ms"], 1) + "x p50" if hz["p50_ms"] else "",
                         "yes" if ok else "**NO**"))
    L.append("")
    L.append("Per query class (p50 / p99 ms; Sahayak over HTTP with one keep-alive connection, "
             "`type=ticket&limit=25`; FTS5 in-process, `ORDER BY rank LIMIT 25`, no HTTP):")
    L.append("")
    L.append("| class | Sahayak all | Sahayak Latin | Sahayak Devanagari | Sahayak Kannada | empty results | median total | FTS5 all | FTS5 Latin | FTS5 Devanagari | FTS5 Kannada |")
    L.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")

    def pp(rec):
        return "%s / %s" % (fmt(rec["p50_ms"]), fmt(rec["p99_ms"])) if rec and rec.get("n") else "n/a"

    for cls in CLASSES:
        hc = h["classes"].get(cls) if h else None
        fc = f["classes"].get(cls) if f else None
        row = [CLASS_LABEL[cls], pp(hc)]
        for s in SCRIPTS:
            row.append(pp(hc["per_script"].get(s)) if hc and cls != "filters_only" else ("" if cls == "filters_only" else "n/a"))
        row.append("%d of %d" % (hc["empty"], hc["n"] + hc["errors"]) if hc else "n/a")
        row.append(fmt(int(round(hc["median_total"]))) if hc and hc["median_total"] is not None else "n/a")
        row.append(pp(fc) + (" (budget cut)" if fc and fc.get("budget_cut") else ""))
        for s in SCRIPTS:
            row.append(pp(fc["per_script"].get(s)) if fc and cls != "filters_only" else ("" if cls == "filters_only" else "n/a"))
        L.append("| " + " | ".join(row) + " |")
    if h:
        errs = sum(c["errors"] for c in h["classes"].values())
        L.append("")
        L.append("HTTP errors (non-200): %d." % errs)
    L.append("")
    s = plan["sample"]
    L.append("Correctness on the sample (%s tickets created before %s IST, ids %d-%d): tickets "
             "holding the query as a whole word (truth: words split by Unicode category, marks "
             "kept inside the word) against what each engine returned in that sample. A "
             "\"fragment\" is a piece unicode61 cuts out of frequent words that is not a word "
             "anywhere in the sample, so every hit on it is false. Sahayak's extra hits on words "
             "can be right (Hindi stems, nukta/chandrabindu spellings), its hits on fragments "
             "cannot." % (fmt(s["tickets"]), s["before_day"], s["first_id"], s["last_id"]))
    L.append("")
    L.append("| query | kind | truth | FTS5 hits | FTS5 false hits | FTS5 missed | Sahayak hits | Sahayak extra | Sahayak missed |")
    L.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    hmap = {(c["q"], c["kind"]): c for c in (h["correctness"] if h else [])}
    fmap = {(c["q"], c["kind"]): c for c in (f["correctness"] if f else [])}
    tot = collections.Counter()
    for c in plan["correctness"]:
        hc, fc = hmap.get((c["q"], c["kind"])), fmap.get((c["q"], c["kind"]))
        row = ["`%s` (%s)" % (c["q"], c["script"]), c["kind"], fmt(len(c["truth"]))]
        row += [fmt(fc["hits"]), fmt(fc["false_hits"]), fmt(fc["missed"])] if fc else ["n/a"] * 3
        if hc and hc["status"] == 200:
            row += [fmt(hc["hits"]), fmt(hc["extra"]), fmt(hc["missed"])]
        else:
            row += ["n/a"] * 3
        L.append("| " + " | ".join(row) + " |")
        if fc:
            tot["fts_false_" + c["kind"]] += fc["false_hits"]
            tot["fts_missed"] += fc["missed"]
        if hc and hc["status"] == 200:
            tot["sah_extra_" + c["kind"]] += hc["extra"]
            tot["sah_missed"] += hc["missed"]
    L.append("")
    L.append("Totals: FTS5 false hits on fragments %s, on words %s, missed %s; Sahayak hits on "
             "fragments %s, extra on words %s, missed %s." % (
                 fmt(tot["fts_false_fragment"]), fmt(tot["fts_false_word"]), fmt(tot["fts_missed"]),
                 fmt(tot["sah_extra_fragment"]), fmt(tot["sah_extra_word"]), fmt(tot["sah_missed"])))
    with open(args.out, "w", encoding="utf-8") as fo:
        fo.write("\n".join(L) + "\n")
    print("\n".join(L))


def cmd_update_results(args):
    """Replaces (or appends) the '## Search' section of RESULTS.md; other sections untouched."""
    section = open(args.section, encoding="utf-8").read().rstrip("\n")
    text = open(args.results, encoding="utf-8").read()
    head = "## Search"
    lines = text.split("\n")
    start = next((i for i, l in enumerate(lines) if l.strip() == head), None)
    block = [head, "", section, ""]
    if start is None:
        new = text.rstrip("\n") + "\n\n" + "\n".join(block)
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        new = "\n".join(lines[:start] + block + lines[end:])
    with open(args.results, "w", encoding="utf-8") as f:
        f.write(new.rstrip("\n") + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("plan")
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--per-class", type=int, default=200)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--sample", type=int, default=20000)
    p = sub.add_parser("http")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--plan", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--ceiling-requests", type=int, default=1000)
    p.add_argument("--max-pages", type=int, default=300)
    p = sub.add_parser("fts5")
    p.add_argument("--db", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--plan", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--class-budget", type=float, default=60.0)
    p = sub.add_parser("report")
    p.add_argument("--plan", required=True)
    p.add_argument("--http")
    p.add_argument("--fts")
    p.add_argument("--facts", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("update-results")
    p.add_argument("--section", required=True)
    p.add_argument("--results", required=True)
    args = ap.parse_args()
    return {"plan": cmd_plan, "http": cmd_http, "fts5": cmd_fts5, "report": cmd_report,
            "update-results": cmd_update_results}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main() or 0)
