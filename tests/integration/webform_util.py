"""Helpers shared by the web form and deflection tests: multipart bodies and form pages."""

import re
import secrets

import harness


def multipart(fields, files=()):
    """(body bytes, content type) for `fields` [(name, value)] and `files`
    [(field, filename, bytes, type)]."""
    boundary = "----sahayakform" + secrets.token_hex(8)
    out = b""
    for name, value in fields:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" %
                (boundary, name)).encode("utf-8") + value.encode("utf-8") + b"\r\n"
    for field, filename, data, ctype in files:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                "Content-Type: %s\r\n\r\n" % (boundary, field, filename, ctype)).encode("utf-8")
        out += data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode("ascii")
    return out, "multipart/form-data; boundary=" + boundary


def hidden(text, name):
    m = re.search(r'<input type="hidden" name="%s" value="([^"]*)">' % re.escape(name), text)
    if not m:
        raise harness.HarnessError("no hidden %s in the page:\n%s" % (name, text[:2000]))
    return m.group(1)


def open_form(client, key, lang=None):
    """GET /forms/{key}: (response, text, start token)."""
    r = client.get("/forms/%s%s" % (key, "?lang=" + lang if lang else ""),
                   headers={"Accept": "text/html"})
    text = r.raw.decode("utf-8")
    return r, text, hidden(text, "start") if r.status == 200 else ""


def submit(client, key, fields, files=(), lang=None, headers=None):
    body, ctype = multipart(fields, files)
    h = {"Accept": "text/html"}
    h.update(headers or {})
    r = client.request("POST", "/forms/%s%s" % (key, "?lang=" + lang if lang else ""),
                       raw_body=body, content_type=ctype, headers=h)
    return r, r.raw.decode("utf-8", "replace")


def request_number(text):
    """The ticket number on a thanks page ("… #12 …"), or None."""
    m = re.search(r"#(\d+)", text)
    return int(m.group(1)) if m else None
