#!/usr/bin/env python3
"""Writes a maildir (cur/ new/ tmp/) of N realistic inbound support mails for mail_ingest_bench.

    bench/gen_maildir.py --out DIR [--count 10000] [--seed 42] [--corpus tests/data/mail]

Deterministic for a given seed, count and corpus (Python standard library only). The mix, by
share of the messages:
  ~63 % new conversations: a third are corpus mails (tests/data/mail/*.eml: Gmail, Outlook,
        Apple Mail, mobile clients, forwards, calendar invites, Hindi and Kannada in several
        charsets, malformed headers) with fresh Message-ID, From, To, Subject and Date; the rest
        are composed here: English, Hindi, Kannada or Hinglish bodies, plain or with an HTML
        alternative, and attachments for about 15 % of them (2 KB to 1.5 MB, random bytes).
  ~30 % replies of the same customer to an earlier conversation, threaded by In-Reply-To +
        References (55 %), References only (15 %), a "[#n]" ticket token in the subject
        (15 %; n is the ticket number the conversation is expected to get when mail is ingested
        in file order) or by sender and "Re:" subject alone (15 %); quoted history included.
  ~3 %  auto-replies (corpus out-of-office and vacation mails): half In-Reply-To an earlier
        mail of that customer, half threading nowhere.
  ~2 %  bulk mail (corpus newsletters, list posts, Precedence: bulk).
  ~1 %  bounces (corpus DSNs from Gmail, Postfix, qmail, Exchange), naming an earlier mail.
  ~1 %  duplicates: a byte-for-byte copy of an earlier mail (same Message-ID), as a mailbox
        fetched twice delivers it.
Senders are a few thousand distinct customers (CUSTOMERS, default 3000) with a skewed
distribution, so some write often. File names sort in delivery order; about half the files are
in cur/ (seen, ":2,S") and half in new/. A summary goes to stdout.
"""

import argparse
import email.policy
import os
import random
import re
import sys
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime

IST = timezone(timedelta(hours=5, minutes=30))
SUPPORT = "support@dakghar.example"

FIRST = ["Ravi", "Priya", "Anil", "Sunita", "Mohammed", "Lakshmi", "Arjun", "Kavya", "Suresh",
         "Deepa", "Imran", "Meena", "Rahul", "Asha", "Vikram", "Nandini", "Farhan", "Shreya",
         "Ganesh", "Pooja", "Harish", "Divya", "Karthik", "Ayesha", "Manoj", "Rekha", "Naveen",
         "Sneha", "Prakash", "Geeta", "Rohan", "Anjali", "Siddharth", "Bhavana", "Tarun"]
LAST = ["Kumar", "Sharma", "Rao", "Iyer", "Khan", "Reddy", "Gowda", "Patel", "Nair", "Singh",
        "Hegde", "Shetty", "Joshi", "Das", "Menon", "Verma", "Kulkarni", "Bhat", "Ali", "Gupta"]
NAMES_HI = ["रवि कुमार", "प्रिया शर्मा", "सुनीता वर्मा", "राहुल सिंह", "आशा गुप्ता", "विक्रम जोशी"]
NAMES_KN = ["ರವಿ ಗೌಡ", "ಲಕ್ಷ್ಮಿ ಹೆಗಡೆ", "ಕಾವ್ಯ ಶೆಟ್ಟಿ", "ನವೀನ್ ಭಟ್", "ದಿವ್ಯ ರಾವ್"]
DOMAINS = ["gmail.example", "yahoo.example", "outlook.example", "rediffmail.example",
           "example.in", "kirana-store.example", "textiles.example.in", "pharma.example.co.in"]

SUBJECTS = {
    "en": ["Parcel not delivered - AWB {n}", "Refund for order #{n} not received yet",
           "Invoice {n}: GST number is wrong", "COD amount for AWB {n} not remitted",
           "Damaged shipment {n}", "Pickup not done for booking {n}",
           "Change delivery address for AWB {n}", "Wrong weight charged on {n}"],
    "hi": ["पार्सल नहीं मिला - AWB {n}", "ऑर्डर #{n} का रिफंड अभी तक नहीं आया",
           "बिल {n} में GST नंबर गलत है", "AWB {n} का COD भुगतान नहीं मिला"],
    "kn": ["ಪಾರ್ಸೆಲ್ ತಲುಪಿಲ್ಲ - AWB {n}", "ಆರ್ಡರ್ #{n} ಹಣ ಮರುಪಾವತಿ ಬಂದಿಲ್ಲ",
           "ಬಿಲ್ {n} ನಲ್ಲಿ GST ಸಂಖ್ಯೆ ತಪ್ಪಾಗಿದೆ"],
    "hinglish": ["Parcel abhi tak nahi aaya - AWB {n}", "Refund kab milega? Order #{n}"],
}
PARAS = {
    "en": ["My parcel with AWB {n} was supposed to arrive last week but the tracking page still "
           "says \"In transit\". Please check and let me know the new delivery date.",
           "I was charged twice for the same shipment. The bank statement shows two debits of "
           "Rs. 1,240 on the same day. Kindly refund the extra amount.",
           "The delivery agent marked the shipment as \"customer not available\" but I was at "
           "home the whole day. Nobody called me.",
           "Please find the invoice attached. The GST number printed on it belongs to our old "
           "branch; it should be 29ABCDE1234F1Z5.",
           "We are a small shop in Mysuru and send about forty parcels a week through you. The "
           "COD amount for last month has not reached our account."],
    "hi": ["मेरा पार्सल AWB {n} पिछले हफ्ते आना था लेकिन ट्रैकिंग पेज पर अभी भी \"रास्ते में\" "
           "लिखा है। कृपया जाँच करके नई डिलीवरी की तारीख बताएं।",
           "मुझसे एक ही शिपमेंट के लिए दो बार पैसे काटे गए हैं। कृपया अतिरिक्त राशि वापस करें।",
           "डिलीवरी वाले ने लिखा कि ग्राहक उपलब्ध नहीं था, जबकि मैं पूरा दिन घर पर था।"],
    "kn": ["ನನ್ನ ಪಾರ್ಸೆಲ್ AWB {n} ಕಳೆದ ವಾರ ಬರಬೇಕಿತ್ತು, ಆದರೆ ಟ್ರ್ಯಾಕಿಂಗ್ ಪುಟದಲ್ಲಿ ಇನ್ನೂ "
           "\"ದಾರಿಯಲ್ಲಿದೆ\" ಎಂದು ತೋರಿಸುತ್ತಿದೆ. ದಯವಿಟ್ಟು ಪರಿಶೀಲಿಸಿ.",
           "ಒಂದೇ ಶಿಪ್‌ಮೆಂಟ್‌ಗೆ ಎರಡು ಬಾರಿ ಹಣ ಕಡಿತವಾಗಿದೆ. ಹೆಚ್ಚುವರಿ ಮೊತ್ತವನ್ನು ಹಿಂತಿರುಗಿಸಿ.",
           "ಡೆಲಿವರಿ ಹುಡುಗ ಗ್ರಾಹಕರು ಲಭ್ಯವಿಲ್ಲ ಎಂದು ಬರೆದಿದ್ದಾರೆ, ಆದರೆ ನಾನು ಮನೆಯಲ್ಲೇ ಇದ್ದೆ."],
    "hinglish": ["Bhai mera parcel AWB {n} abhi tak nahi aaya, tracking pe 'in transit' hi dikha "
                 "raha hai. Please jaldi check karo.",
                 "COD ka paisa last month ka abhi tak account mein nahi aaya. Kab tak aayega?"],
}
REPLY_PARAS = {
    "en": ["Thanks for the quick reply. I have attached the photo you asked for.",
           "It is still not resolved. The tracking page has not changed since yesterday.",
           "Any update on this? It has been three days.", "Received it today, thank you."],
    "hi": ["जवाब के लिए धन्यवाद। आपने जो फोटो मांगी थी वह संलग्न है।",
           "समस्या अभी भी हल नहीं हुई है। कृपया जल्दी करें।"],
    "kn": ["ಉತ್ತರಕ್ಕೆ ಧನ್ಯವಾದಗಳು. ನೀವು ಕೇಳಿದ ಫೋಟೋ ಲಗತ್ತಿಸಿದ್ದೇನೆ.", "ಇನ್ನೂ ಸಮಸ್ಯೆ ಬಗೆಹರಿದಿಲ್ಲ."],
    "hinglish": ["Thanks bhai, photo attach kar diya hai.", "Abhi tak kuch nahi hua, please check."],
}
ATTACH_TYPES = [("invoice_{n}.pdf", "application", "pdf"), ("photo_{n}.jpg", "image", "jpeg"),
                ("IMG_{n}.png", "image", "png"), ("statement_{n}.xlsx", "application",
                "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("बिल_{n}.pdf", "application", "pdf"), ("ರಸೀದಿ_{n}.pdf", "application", "pdf")]

BOUNCE_RE = re.compile(r"bounce|ndr|dsn", re.I)
AUTO_RE = re.compile(r"out_of_office|vacation|autoreply", re.I)
BULK_RE = re.compile(r"newsletter|mailing_list_post|precedence_bulk", re.I)
REWRITTEN = {"message-id", "from", "to", "subject", "date", "in-reply-to", "references",
             "reply-to", "sender"}
HEADER_RE = re.compile(rb"^[!-9;-~]+:")


def encode_header_value(s):
    return s if s.isascii() else Header(s, "utf-8").encode()


def rewrite_headers(raw, new_headers):
    """Replaces the identity headers of a corpus mail, keeping everything else byte for byte."""
    crlf = b"\r\n" in raw[:2000]
    nl = b"\r\n" if crlf else b"\n"
    lines = raw.split(nl)
    i = 0
    if lines and lines[0].startswith(b"From "):
        i = 1  # an mbox "From " line
    kept = []
    skipping = False
    while i < len(lines):
        line = lines[i]
        if line == b"":
            break
        if line[:1] in (b" ", b"\t"):
            if not skipping:
                kept.append(line)
        elif HEADER_RE.match(line):
            name = line.split(b":", 1)[0].strip().lower().decode("ascii", "replace")
            skipping = name in REWRITTEN
            if not skipping:
                kept.append(line)
        else:
            break  # a mail without the blank line after its headers: the body starts here
        i += 1
    head = [f"{k}: {v}".encode("ascii") for k, v in new_headers]
    return nl.join(head + kept + lines[i:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--customers", type=int, default=3000)
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "..", "tests", "data", "mail"))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    random.seed(a.seed)  # the email package draws its MIME boundaries from the global generator

    corpus = {}
    for name in sorted(os.listdir(a.corpus)):
        if name.endswith(".eml"):
            with open(os.path.join(a.corpus, name), "rb") as f:
                corpus[name] = f.read()
    bounces = [n for n in corpus if BOUNCE_RE.search(n)]
    autos = [n for n in corpus if AUTO_RE.search(n)]
    bulks = [n for n in corpus if BULK_RE.search(n)]
    normal = [n for n in corpus if n not in bounces + autos + bulks]
    if not normal:
        sys.exit("gen_maildir: no corpus mails in " + a.corpus)

    customers = []
    for c in range(a.customers):
        lang = rng.choices(["en", "hi", "kn", "hinglish"], [50, 22, 15, 13])[0]
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if lang == "hi" and rng.random() < 0.5:
            display = rng.choice(NAMES_HI)
        elif lang == "kn" and rng.random() < 0.5:
            display = rng.choice(NAMES_KN)
        else:
            display = f"{first} {last}"
        addr = f"{first.lower()}.{last.lower()}{c}@{rng.choice(DOMAINS)}"
        customers.append((display, addr, lang))
    weights = [1.0 / (1 + c) ** 0.6 for c in range(a.customers)]  # some customers write often

    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(a.out, sub), exist_ok=True)

    when = datetime(2026, 11, 1, 9, 0, tzinfo=IST)
    convs = []         # [customer, subject, [message ids], expected ticket number]
    sent = []          # (raw bytes, customer index) of every mail written, for duplicates
    next_ticket = 1    # tickets are numbered in ingest order; new conversations open one
    stats = {}
    total_bytes = 0

    def mid(cust_addr, i):
        dom = cust_addr.split("@", 1)[1]
        style = rng.random()
        if style < 0.5:
            return f"CA{rng.getrandbits(64):016x}{i:06d}@mail.{dom}"
        if style < 0.8:
            return f"PN2P{rng.getrandbits(48):012X}.{i}@PN2P.prod.{dom}"
        return f"{rng.getrandbits(40):010x}.{i}.bench@{dom}"

    def addr_header(cust):
        display, addr, _ = cust
        return f"{encode_header_value(display)} <{addr}>"

    def body_text(lang, n, paras, k):
        return "\n\n".join(rng.choice(paras[lang]).format(n=n) for _ in range(k))

    def compose(cust, subject, msg_id, date, lang, text, irt=None, refs=None, attach=True):
        m = EmailMessage(policy=email.policy.SMTP)
        m["From"] = addr_header(cust)
        m["To"] = SUPPORT
        m["Subject"] = subject
        m["Date"] = format_datetime(date)
        m["Message-ID"] = f"<{msg_id}>"
        if irt:
            m["In-Reply-To"] = f"<{irt}>"
        if refs:
            m["References"] = " ".join(f"<{r}>" for r in refs)
        greeting = {"en": "Hello,", "hi": "नमस्ते,", "kn": "ನಮಸ್ಕಾರ,", "hinglish": "Hi,"}[lang]
        full = f"{greeting}\n\n{text}\n\n{cust[0]}\n"
        cte = rng.choice(["quoted-printable", "base64", "8bit"])
        m.set_content(full, charset="utf-8", cte=cte)
        if rng.random() < 0.5:
            html = "<div dir=\"ltr\">" + "".join(
                f"<p>{p}</p>" for p in full.split("\n\n")) + "</div>"
            m.add_alternative(html, subtype="html", charset="utf-8")
        if attach:
            r = rng.random()
            sizes = []
            if r < 0.005:
                sizes = [rng.randint(400_000, 1_500_000)]
            elif r < 0.035:
                sizes = [rng.randint(60_000, 400_000)]
            elif r < 0.155:
                sizes = [rng.randint(2_000, 60_000) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
            for s in sizes:
                fname, maintype, subtype = rng.choice(ATTACH_TYPES)
                m.add_attachment(rng.randbytes(s), maintype=maintype, subtype=subtype,
                                 filename=fname.format(n=rng.randint(1000, 99999)))
        return m.as_bytes()

    i = 0
    while i < a.count:
        when += timedelta(seconds=rng.randint(0, 120))
        r = rng.random()
        if r < 0.01 and sent:
            kind = "duplicate"
            raw = rng.choice(sent[-500:])[0]
        elif r < 0.02 and convs and bounces:
            kind = "bounce"
            conv = rng.choice(convs[-1000:])
            raw = corpus[rng.choice(bounces)]
            raw = re.sub(rb"(?im)^(Message-ID:[ \t]*)<[^>\r\n]+>",
                         lambda m: m.group(1) + f"<{conv[2][-1]}>".encode(), raw)
            daemon = rng.choice(["mailer-daemon@googlemail.com", "MAILER-DAEMON@mx.example.in",
                                 "postmaster@outlook.example"])
            raw = rewrite_headers(raw, [
                ("From", f"Mail Delivery Subsystem <{daemon}>"), ("To", SUPPORT),
                ("Subject", "Delivery Status Notification (Failure)"),
                ("Date", format_datetime(when)),
                ("Message-ID", f"<bounce.{rng.getrandbits(48):012x}.{i}@mx.example>")])
        elif r < 0.05 and convs and autos:
            conv = rng.choice(convs[-2000:])
            cust = customers[conv[0]]
            raw = corpus[rng.choice(autos)]
            hdr = [("From", addr_header(cust)), ("To", SUPPORT),
                   ("Subject", encode_header_value("Automatic reply: " + conv[1])),
                   ("Date", format_datetime(when)), ("Message-ID", f"<{mid(cust[1], i)}>")]
            if rng.random() < 0.5:
                kind = "auto-reply (threads)"
                hdr.append(("In-Reply-To", f"<{conv[2][-1]}>"))
            else:
                kind = "auto-reply (threads nowhere)"
            raw = rewrite_headers(raw, hdr)
        elif r < 0.07 and bulks:
            kind = "bulk"
            raw = corpus[rng.choice(bulks)]
            sender = rng.choice(["news@offers.example", "list-owner@lists.example.org",
                                 "noreply@portal.example.in", "alerts@bank.example"])
            raw = rewrite_headers(raw, [
                ("From", f"<{sender}>"), ("To", SUPPORT),
                ("Subject", f"Weekly update {rng.randint(1, 99999)}"),
                ("Date", format_datetime(when)),
                ("Message-ID", f"<bulk.{rng.getrandbits(48):012x}.{i}@mailer.example>")])
            next_ticket += 1  # bulk mail still opens a ticket (tagged "bulk")
        elif r < 0.37 and convs:
            conv = rng.choice(convs[-3000:])
            cust = customers[conv[0]]
            lang = cust[2]
            msg_id = mid(cust[1], i)
            text = body_text(lang, rng.randint(1000, 99999), REPLY_PARAS, 1)
            text += f"\n\nOn {format_datetime(when - timedelta(hours=5))}, {SUPPORT} wrote:\n> " \
                    + body_text(lang, 0, PARAS, 1).replace("\n", "\n> ")
            s = rng.random()
            subject = "Re: " + conv[1]
            irt = refs = None
            if s < 0.55:
                kind = "reply: In-Reply-To + References"
                irt, refs = conv[2][-1], conv[2][-10:]
            elif s < 0.70:
                kind = "reply: References only"
                refs = conv[2][-10:]
            elif s < 0.85:
                kind = "reply: [#n] subject token"
                subject = f"Re: [#{conv[3]}] {conv[1]}"
            else:
                kind = "reply: sender + subject only"
            raw = compose(cust, subject, msg_id, when, lang, text, irt, refs,
                          attach=rng.random() < 0.3)
            conv[2].append(msg_id)
        else:
            c = rng.choices(range(a.customers), weights)[0] if i else 0
            cust = customers[c]
            lang = cust[2]
            n = rng.randint(1000000000, 9999999999)
            subject = rng.choice(SUBJECTS[lang]).format(n=n)
            msg_id = mid(cust[1], i)
            if rng.random() < 0.35:
                kind = "new: corpus mail"
                raw = rewrite_headers(corpus[rng.choice(normal)], [
                    ("From", addr_header(cust)), ("To", SUPPORT),
                    ("Subject", encode_header_value(subject)),
                    ("Date", format_datetime(when)), ("Message-ID", f"<{msg_id}>")])
            else:
                kind = "new: composed"
                raw = compose(cust, subject, msg_id, when, lang,
                              body_text(lang, n, PARAS, rng.randint(1, 4)))
            convs.append([c, subject, [msg_id], next_ticket])
            next_ticket += 1
        sent.append((raw, i))
        stats[kind] = stats.get(kind, 0) + 1
        ts = int(when.timestamp())
        base = f"{ts:010d}.M{i:06d}P{a.seed}.bench"
        if rng.random() < 0.5:
            path = os.path.join(a.out, "cur", base + ":2,S")
        else:
            path = os.path.join(a.out, "new", base)
        with open(path, "wb") as f:
            f.write(raw)
        total_bytes += len(raw)
        i += 1

    print(f"maildir {a.out}: {a.count} messages, {total_bytes / 1048576:.1f} MiB, seed {a.seed}, "
          f"{a.customers} customers, {len(corpus)} corpus mails")
    for k in sorted(stats):
        print(f"  {k}: {stats[k]}")


if __name__ == "__main__":
    main()
