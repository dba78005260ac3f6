"""CSV imports of shipments, orders and invoices on the real server (docs/imports.md).

An admin uploads a file (multipart: kind, file, dry_run); the answer is 202 with a job that a
worker runs. All or nothing: a file with any bad row changes nothing and lists every bad row and
column; a dry run checks and changes nothing; a key that exists updates its record. Problems
with the whole file (not CSV, unknown column, no rows) are 422 at once. Agents may not import.
An acknowledged import survives the server being killed."""

import secrets
import time
import unittest

import harness
from test_shipments import Base, created

S = {}


def setUpModule():
    server = harness.Server()
    server.start()
    S["server"] = server
    S["admin"] = server.bearer(server.admin_token)
    S["agent"] = server.bearer(server.agent_token)
    created(S["admin"].post("/api/v1/carriers", {
        "code": "bluedart", "name": "Blue Dart", "tracking_pattern": r"\b\d{11}\b",
        "tracking_url": "https://www.bluedart.com/track?awb={number}"}))


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def multipart(fields, file_bytes, filename="data.csv"):
    boundary = "----sahayak" + secrets.token_hex(12)
    out = b""
    for name, value in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                % (boundary, name, value)).encode("utf-8")
    if file_bytes is not None:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                "Content-Type: text/csv\r\n\r\n" % (boundary, filename)).encode("utf-8")
        out += file_bytes + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode("ascii")
    return out, "multipart/form-data; boundary=" + boundary


def upload(kind, text, client=None, dry_run=None, filename="data.csv"):
    fields = {"kind": kind}
    if dry_run is not None:
        fields["dry_run"] = "true" if dry_run else "false"
    body, ctype = multipart(fields, text.encode("utf-8") if isinstance(text, str) else text,
                            filename)
    return (client or S["admin"]).request("POST", "/api/v1/imports", raw_body=body,
                                          content_type=ctype)


def finished(r, timeout=60):
    """The job of a 202 once it has run."""
    if r.status != 202:
        raise harness.HarnessError("expected 202:\n" + r.describe())
    job = r.json
    deadline = time.time() + timeout
    while job["status"] in ("queued", "running"):
        if time.time() > deadline:
            raise harness.HarnessError("import did not finish: %r" % job)
        time.sleep(0.1)
        got = S["admin"].get("/api/v1/imports/%d" % job["id"])
        if got.status != 200:
            raise harness.HarnessError(got.describe())
        job = got.json
    return job


def number(prefix):
    return "%s-%s" % (prefix, secrets.token_hex(4).upper())


def awb():
    return "%011d" % secrets.randbelow(10 ** 11)


class ImportTest(Base):
    def test_orders_are_created_with_their_items_and_updated_by_number(self):
        a, b = number("OD"), number("OD")
        email = harness.unique_email("imp")
        text = ("number,contact.email,contact.name,status,payment_status,items.name,"
                "items.quantity,items.unit_price,shipping\n"
                "%s,%s,Asha Rao,placed,paid,Kurta,2,499.00,50.00\n"
                "%s,,,,,साड़ी,1,1200.00,\n"
                "%s,%s,Asha Rao,shipped,cod,ದುಪಟ್ಟಾ,1,250.00,0.00\n") % (a, email, a, b, email)
        job = finished(upload("orders", text, filename="orders-dec.csv"))
        self.assertEqual(job["status"], "succeeded", job)
        self.assertEqual((job["rows"], job["records"], job["created"], job["updated"]),
                         (3, 2, 2, 0))
        self.assertEqual(job["processed"], 2)
        self.assertEqual(job["file_name"], "orders-dec.csv")
        self.assertEqual(job["error_count"], 0)
        self.assertIsNotNone(job["created_by"])
        orders = S["agent"].get("/api/v1/orders?number=" + a).json["data"]
        self.assertEqual(len(orders), 1)
        o = orders[0]
        self.assertEqual([i["name"] for i in o["items"]], ["Kurta", "साड़ी"])
        self.assertEqual(o["total"], "2248.00")  # 998 + 1200 + 50 shipping
        self.assertEqual(o["payment_status"], "paid")
        # The same number again updates it; empty cells keep what it had.
        job = finished(upload("orders", "number,status\n%s,delivered\n" % a.lower()))
        self.assertEqual((job["status"], job["created"], job["updated"]), ("succeeded", 0, 1), job)
        o = S["agent"].get("/api/v1/orders/%d" % o["id"]).json
        self.assertEqual(o["status"], "delivered")
        self.assertEqual(o["payment_status"], "paid")
        self.assertEqual(len(o["items"]), 2)

    def test_one_bad_row_imports_nothing_and_names_every_bad_row(self):
        good, bad = awb(), awb()
        text = ("carrier,tracking_number,destination.pin,destination.country,weight_grams\n"
                "bluedart,%s,560001,IN,1200\n"
                "bluedart,%s,56@001,India,heavy\n"
                "dhl,%s,560001,IN,100\n"
                "bluedart,,560001,IN,100\n") % (good, bad, awb())
        job = finished(upload("shipments", text))
        self.assertEqual(job["status"], "failed", job)
        self.assertEqual((job["created"], job["updated"]), (0, 0))
        where = {(e["row"], e["column"]) for e in job["errors"]}
        self.assertIn((3, "weight_grams"), where, job["errors"])
        self.assertIn((4, "carrier"), where, job["errors"])
        self.assertIn((5, "tracking_number"), where, job["errors"])
        self.assertEqual(job["error_count"], len(job["errors"]))
        # The good row was rolled back with the rest.
        listed = S["agent"].get("/api/v1/shipments?tracking_number=" + good)
        self.assertEqual(listed.status, 200, listed.describe())
        self.assertEqual(listed.json["data"], [])
        # The error report downloads as CSV.
        r = S["admin"].get("/api/v1/imports/%d/errors" % job["id"])
        self.assertEqual(r.status, 200, r.describe())
        self.assertIn("text/csv", r.header("Content-Type"))
        self.assertIn("attachment", r.header("Content-Disposition"))
        lines = r.body.decode("utf-8").splitlines()
        self.assertEqual(lines[0], "row,column,message")
        self.assertEqual(len(lines), 1 + job["error_count"])

    def test_an_invoice_error_points_at_the_row_of_its_line(self):
        n = number("INV")
        text = ("number,contact.email,issued_on,due_on,lines.description,lines.quantity,"
                "lines.unit_price,lines.tax_rate\n"
                "%s,%s,2026-12-01,2026-12-15,Express delivery,1,10000.00,18\n"
                "%s,,,,Packing,0,100.00,18\n") % (n, harness.unique_email("inv"), n)
        job = finished(upload("invoices", text))
        self.assertEqual(job["status"], "failed", job)
        self.assertIn((3, "lines.quantity"), {(e["row"], e["column"]) for e in job["errors"]})
        self.assertEqual(S["agent"].get("/api/v1/invoices?number=" + n).json["data"], [])
        # Fixed, it goes in, with tax from the lines' rates.
        job = finished(upload("invoices", text.replace("Packing,0,", "Packing,2,")))
        self.assertEqual(job["status"], "succeeded", job)
        inv = S["agent"].get("/api/v1/invoices?number=" + n).json["data"][0]
        self.assertEqual((inv["subtotal"], inv["tax"], inv["total"]),
                         ("10200.00", "1836.00", "12036.00"))

    def test_a_dry_run_checks_and_changes_nothing(self):
        n = awb()
        text = "carrier,tracking_number,destination.pin\nbluedart,%s,560001\n" % n
        job = finished(upload("shipments", text, dry_run=True))
        self.assertEqual((job["status"], job["dry_run"], job["created"]), ("succeeded", True, 1))
        self.assertEqual(S["agent"].get("/api/v1/shipments?tracking_number=" + n).json["data"], [])
        job = finished(upload("shipments", text, dry_run=False))
        self.assertEqual((job["status"], job["dry_run"], job["created"]), ("succeeded", False, 1))
        self.assertEqual(len(S["agent"].get("/api/v1/shipments?tracking_number=" + n)
                             .json["data"]), 1)

    def test_whole_file_problems_are_422_and_keep_nothing(self):
        before = S["admin"].get("/api/v1/imports?limit=100").json["data"]
        cases = [
            ("orders", "number,colour\nOD1,red\n", "file"),
            ("orders", "number,status\n", "file"),
            ("orders", "number,status\n\"OD1,placed\n", "file"),
            ("shipments", "carrier,service\nbluedart,x\n", "file"),
            ("parcels", "number\nOD1\n", "kind"),
            ("orders", b"number\nOD\xff1\n", "file"),
        ]
        for kind, text, field in cases:
            with self.subTest(text=text):
                r = upload(kind, text)
                self.assertProblem(r, 422, fields=[field])
        r = upload("orders", "x", client=None)  # a file with no header row at all
        self.assertEqual(r.status, 422, r.describe())
        body, ctype = multipart({}, b"number\nOD1\n")
        r = S["admin"].request("POST", "/api/v1/imports", raw_body=body, content_type=ctype)
        self.assertProblem(r, 422, fields=["kind"])
        r = S["admin"].post("/api/v1/imports", {"kind": "orders"})
        self.assertEqual(r.status, 415, r.describe())
        after = S["admin"].get("/api/v1/imports?limit=100").json["data"]
        self.assertEqual(len(after), len(before))

    def test_agents_may_not_import_or_see_imports(self):
        r = upload("orders", "number\nOD1\n", client=S["agent"])
        self.assertEqual(r.status, 403, r.describe())
        for path in ("/api/v1/imports", "/api/v1/import-kinds",
                     "/api/v1/import-kinds/orders/template"):
            self.assertEqual(S["agent"].get(path).status, 403, path)

    def test_kinds_and_templates_describe_the_columns(self):
        kinds = S["admin"].get("/api/v1/import-kinds").json["data"]
        by_kind = {k["kind"]: k for k in kinds}
        self.assertEqual(set(by_kind), {"shipments", "orders", "invoices"})
        self.assertEqual(by_kind["shipments"]["key"], ["carrier", "tracking_number"])
        self.assertEqual(by_kind["orders"]["group"], "items")
        for kind in by_kind:
            r = S["admin"].get("/api/v1/import-kinds/%s/template" % kind)
            self.assertEqual(r.status, 200, r.describe())
            header = r.body.decode("utf-8").splitlines()[0].split(",")
            self.assertEqual(header, [c["name"] for c in by_kind[kind]["columns"]])
            # The template is itself a file that checks.
            text = r.body.decode("utf-8")
            if kind == "shipments":
                text = text.replace("12345678901", awb())
            else:
                text = text.replace("OD1001", number("OD")).replace(
                    "INV/2026-27/0042", number("INV"))
            job = finished(upload(kind, text, dry_run=True))
            self.assertEqual(job["status"], "succeeded", (kind, job))

    def test_the_list_pages_newest_first(self):
        ids = [finished(upload("shipments", "carrier,tracking_number\nbluedart,%s\n" % awb(),
                               dry_run=True))["id"] for _ in range(3)]
        page = S["admin"].get("/api/v1/imports?limit=2").json
        self.assertEqual([j["id"] for j in page["data"]], sorted(ids, reverse=True)[:2])
        self.assertIsNotNone(page["next_cursor"])
        every = S["admin"].list_all("/api/v1/imports", limit=2)
        self.assertTrue(set(ids) <= {j["id"] for j in every})

    def test_an_acknowledged_import_survives_a_kill(self):
        numbers = [awb() for _ in range(3000)]
        text = "carrier,tracking_number,destination.pin\n" + "".join(
            "bluedart,%s,560001\n" % n for n in numbers)
        r = upload("shipments", text)
        self.assertEqual(r.status, 202, r.describe())
        server = S["server"]
        server.kill9()
        server.start()
        S["admin"] = server.bearer(server.admin_token)
        S["agent"] = server.bearer(server.agent_token)
        job = finished(r, timeout=120)
        self.assertEqual((job["status"], job["created"]), ("succeeded", 3000), job)
        for n in (numbers[0], numbers[-1]):
            got = S["agent"].get("/api/v1/shipments?tracking_number=" + n).json["data"]
            self.assertEqual(len(got), 1, n)


if __name__ == "__main__":
    unittest.main()
