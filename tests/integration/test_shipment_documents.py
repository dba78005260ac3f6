"""Documents for international shipments on the real server (docs/shipments.md, "Documents for
international shipments"; issue 7, item 6).

Admins keep rules (per destination country or `*`, optionally per origin) listing the documents
customs need, each perhaps pointing to a knowledge-base article; any agent reads them. 422 names
the bad member and changes nothing; a second rule for the same destination and origin is 409;
agents cannot write (403). A shipment between two different countries carries the most specific
rule's documents in `documents_required` wherever it is shown (the shipment, lists, a contact's
and a ticket's shipments), with article titles in the agent's language. The customer's parcel
page in the portal lists them, linking only published public articles, and a customer never sees
another customer's parcel."""

import re
import secrets
import unicodedata
import unittest

import harness
from test_portal import Browser, sign_in_on, text
from test_shipments import Base, created

S = {}
RULES = "/api/v1/shipment-document-rules"
SECOND = "Second Couriers"


def ok(r, status=200):
    if r.status != status:
        raise harness.HarnessError("expected %d:\n%s" % (status, r.describe()))
    return r.json


def number():
    return "BD%08dIN" % (10_000_000 + secrets.randbelow(90_000_000))


def new_shipment(origin, destination, contact=None, client=None):
    body = {"carrier": "bluedart", "tracking_number": number(),
            "origin": {"city": "Bengaluru", "pin": "560001", "country": origin},
            "destination": {"city": "Far away", "pin": "", "country": destination}}
    if contact is not None:
        body["contact_id"] = contact["id"]
    return created((client or S["admin"]).post("/api/v1/shipments", body))


def doc(code, name, note="", article=None):
    d = {"code": code, "name": name, "note": note}
    if article is not None:
        d["kb_article_id"] = article
    return d


def codes(documents):
    return [d["code"] for d in documents]


def rules():
    return ok(S["agent"].get(RULES))["data"]


def setUpModule():
    server = harness.Server(env={"SAHAYAK_PUBLIC_URL": "https://support.example.in"})
    server.cli("admin", "create-agent", "--workspace", SECOND, "--email", "admin2@second.test",
               "--name", "Deepa Admin", "--role", "admin", "--password", server.admin_password)
    server.start()
    S["server"] = server
    admin = S["admin"] = server.bearer(server.admin_token)
    S["agent"] = server.bearer(server.agent_token)
    S["admin2"] = server.bearer(server.cli("admin", "create-token", "--workspace", SECOND,
                                           "--email", "admin2@second.test").stdout.strip())
    created(admin.post("/api/v1/carriers", {"code": "bluedart", "name": "Blue Dart"}))
    # A Hindi-speaking agent, signed in with a session like the console.
    hindi_email = harness.unique_email("hindi")
    created(admin.post("/api/v1/agents", {"name": "Meena Agent", "email": hindi_email,
                                          "role": "agent", "language": "hi",
                                          "password": "secret-pass-123"}))
    S["hindi"] = server.login(hindi_email, "secret-pass-123")

    # The knowledge base: a published public article (en and hi), a draft, an internal one.
    category = created(admin.post("/api/v1/kb/categories", {"titles": {"en": "Shipping"}}))
    section = created(admin.post("/api/v1/kb/sections", {"category_id": category["id"],
                                                         "titles": {"en": "Abroad"}}))
    S["public"] = created(admin.post("/api/v1/kb/articles", {
        "section_id": section["id"], "language": "en", "status": "published",
        "title": "Customs paperwork explained", "body": "Keep the invoice ready."}))
    ok(admin.put("/api/v1/kb/articles/%d/translations/hi" % S["public"]["id"], {
        "title": "कस्टम के कागज़ात", "body": "इनवॉइस तैयार रखें।", "status": "published"}))
    S["draft"] = created(admin.post("/api/v1/kb/articles", {
        "section_id": section["id"], "language": "en", "status": "draft",
        "title": "Unfinished HS code guide", "body": "Soon."}))
    S["internal"] = created(admin.post("/api/v1/kb/articles", {
        "section_id": section["id"], "language": "en", "status": "published",
        "visibility": "internal", "title": "Agents only: checking exporter KYC",
        "body": "Check the IEC."}))

    # The rules the shipment and portal tests read.
    S["us_from_in"] = created(admin.post(RULES, {
        "destination_country": "US", "origin_country": "IN",
        "documents": [
            doc("commercial_invoice", "Commercial invoice", "Three signed copies",
                S["public"]["id"]),
            doc("kyc", "Exporter KYC", "Aadhaar or PAN", S["internal"]["id"]),
            doc("hs_codes", "HS codes", "Eight digits", S["draft"]["id"]),
        ]}))
    S["us_any"] = created(admin.post(RULES, {
        "destination_country": "US", "documents": [doc("commercial_invoice", "Invoice only")]}))
    S["star"] = created(admin.post(RULES, {
        "destination_country": "*",
        "documents": [doc("commercial_invoice", "Commercial invoice"),
                      doc("packing_list", "Packing list")]}))

    S["ravi"] = created(admin.post("/api/v1/contacts", {
        "name": "Ravi Kumar", "email": harness.unique_email("ravi"), "language": "en"}))
    S["meera"] = created(admin.post("/api/v1/contacts", {
        "name": "Meera Iyer", "email": harness.unique_email("meera"), "language": "en"}))


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


# ---- the rules ---------------------------------------------------------------------------------

class RulesTest(Base):
    def test_an_admin_writes_a_rule_and_agents_read_it(self):
        admin = S["admin"]
        r = admin.post(RULES, {
            "destination_country": " jp ", "origin_country": "in",
            "documents": [doc("commercial_invoice", "  Commercial invoice  ", "Signed",
                              S["public"]["id"]),
                          doc("packing_list", "Packing list")]})
        self.assertEqual(r.status, 201, r.describe())
        rule = r.json
        self.assertEqual(r.header("Location"), "%s/%d" % (RULES, rule["id"]))
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(rule["destination_country"], "JP")
        self.assertEqual(rule["origin_country"], "IN")
        self.assertEqual(codes(rule["documents"]), ["commercial_invoice", "packing_list"])
        first = rule["documents"][0]
        self.assertEqual(first["name"], "Commercial invoice")
        self.assertEqual(first["note"], "Signed")
        self.assertEqual(first["kb_article_id"], S["public"]["id"])
        self.assertEqual(first["article"], {"id": S["public"]["id"],
                                            "title": "Customs paperwork explained",
                                            "language": "en",
                                            "url": "/help/en/articles/%d" % S["public"]["id"]})
        self.assertIsNone(rule["documents"][1]["kb_article_id"])
        self.assertIsNone(rule["documents"][1]["article"])

        got = S["agent"].get("%s/%d" % (RULES, rule["id"]))
        self.assertEqual(got.status, 200, got.describe())
        self.assertEqual(got.header("ETag"), '"1"')
        self.assertEqual(got.json["documents"], rule["documents"])
        self.assertIn(rule["id"], [x["id"] for x in rules()])

        stale = admin.patch("%s/%d" % (RULES, rule["id"]), {"origin_country": ""},
                            headers={"If-Match": '"7"'})
        self.assertProblem(stale, 412, "precondition-failed")
        changed = admin.patch("%s/%d" % (RULES, rule["id"]),
                              {"origin_country": None,
                               "documents": [doc("kyc", "KYC", "Aadhaar or PAN")]},
                              headers={"If-Match": '"1"'})
        self.assertEqual(changed.status, 200, changed.describe())
        self.assertEqual(changed.header("ETag"), '"2"')
        self.assertEqual(changed.json["origin_country"], "")
        self.assertEqual(codes(changed.json["documents"]), ["kyc"])

        gone = admin.delete("%s/%d" % (RULES, rule["id"]))
        self.assertEqual(gone.status, 204, gone.describe())
        self.assertProblem(S["agent"].get("%s/%d" % (RULES, rule["id"])), 404, "not-found")
        self.assertNotIn(rule["id"], [x["id"] for x in rules()])

    def test_the_list_leads_with_the_general_rules(self):
        listed = rules()
        keys = [(x["destination_country"], x["origin_country"]) for x in listed]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(keys[0], ("*", ""))
        self.assertLess(keys.index(("US", "")), keys.index(("US", "IN")))

    def test_bad_input_is_422_naming_the_member_and_changes_nothing(self):
        before = rules()
        valid = [doc("commercial_invoice", "Invoice")]
        cases = [
            ({"documents": valid}, "destination_country"),
            ({"destination_country": "ZZ", "documents": valid}, "destination_country"),
            ({"destination_country": "USA", "documents": valid}, "destination_country"),
            ({"destination_country": 91, "documents": valid}, "destination_country"),
            ({"destination_country": "FR", "origin_country": "*", "documents": valid},
             "origin_country"),
            ({"destination_country": "IN", "origin_country": "IN", "documents": valid},
             "origin_country"),
            ({"destination_country": "FR"}, "documents"),
            ({"destination_country": "FR", "documents": "invoice"}, "documents"),
            ({"destination_country": "FR", "documents": [doc("d%d" % i, "Doc") for i in range(21)]},
             "documents"),
            ({"destination_country": "FR", "documents": ["invoice"]}, "documents[0]"),
            ({"destination_country": "FR", "documents": [doc("Commercial Invoice", "x")]},
             "documents[0].code"),
            ({"destination_country": "FR", "documents": [doc("a" * 41, "x")]},
             "documents[0].code"),
            ({"destination_country": "FR", "documents": [doc("kyc", "KYC"), doc("kyc", "Again")]},
             "documents[1].code"),
            ({"destination_country": "FR", "documents": [doc("kyc", "")]}, "documents[0].name"),
            ({"destination_country": "FR", "documents": [doc("kyc", "न" * 101)]},
             "documents[0].name"),
            ({"destination_country": "FR", "documents": [doc("kyc", "KYC", "x" * 501)]},
             "documents[0].note"),
            ({"destination_country": "FR",
              "documents": [doc("kyc", "KYC"), doc("hs", "HS", "", 987654)]},
             "documents[1].kb_article_id"),
            ({"destination_country": "FR", "documents": [doc("kyc", "KYC", "", "seven")]},
             "documents[0].kb_article_id"),
            ({"destination_country": "FR", "documents": [dict(doc("kyc", "KYC"), pages=2)]},
             "documents[0].pages"),
            ({"destination_country": "FR", "documents": valid, "colour": "red"}, "colour"),
        ]
        for body, field in cases:
            with self.subTest(field=field, body=str(body)[:80]):
                r = S["admin"].post(RULES, body)
                self.assertProblem(r, 422, "validation", [field])
        r = S["admin"].post(RULES, [1, 2])
        self.assertEqual(r.status, 422, r.describe())
        # An article of another workspace is not this workspace's.
        r = S["admin2"].post(RULES, {"destination_country": "FR",
                                     "documents": [doc("kyc", "KYC", "", S["public"]["id"])]})
        self.assertProblem(r, 422, "validation", ["documents[0].kb_article_id"])
        r = S["admin"].patch("%s/%d" % (RULES, S["us_any"]["id"]),
                             {"documents": [doc("x", "")]})
        self.assertProblem(r, 422, "validation", ["documents[0].name"])
        self.assertEqual(rules(), before)

    def test_one_rule_per_destination_and_origin(self):
        r = S["admin"].post(RULES, {"destination_country": "us", "origin_country": "IN",
                                    "documents": []})
        self.assertProblem(r, 409, "already-exists", ["destination_country"])
        r = S["admin"].patch("%s/%d" % (RULES, S["us_any"]["id"]), {"origin_country": "IN"})
        self.assertProblem(r, 409, "already-exists", ["destination_country"])

    def test_names_are_stored_as_nfc(self):
        nfd = unicodedata.normalize("NFD", "Déclaration préalable")
        r = S["admin"].post(RULES, {"destination_country": "BR",
                                    "documents": [doc("declaration", nfd, nfd)]})
        rule = created(r)
        self.assertEqual(rule["documents"][0]["name"], "Déclaration préalable")
        self.assertEqual(rule["documents"][0]["note"],
                         unicodedata.normalize("NFC", nfd))
        ok(S["admin"].delete("%s/%d" % (RULES, rule["id"])), 204)

    def test_agents_cannot_write(self):
        agent = S["agent"]
        r = agent.post(RULES, {"destination_country": "CA", "documents": []})
        self.assertProblem(r, 403, "forbidden")
        r = agent.patch("%s/%d" % (RULES, S["star"]["id"]), {"documents": []})
        self.assertProblem(r, 403, "forbidden")
        r = agent.delete("%s/%d" % (RULES, S["star"]["id"]))
        self.assertProblem(r, 403, "forbidden")
        self.assertEqual(codes(ok(agent.get("%s/%d" % (RULES, S["star"]["id"])))["documents"]),
                         ["commercial_invoice", "packing_list"])
        self.assertEqual(S["server"].anonymous().get(RULES).status, 401)

    def test_another_workspace_sees_none_of_them(self):
        self.assertEqual(ok(S["admin2"].get(RULES))["data"], [])
        self.assertProblem(S["admin2"].get("%s/%d" % (RULES, S["star"]["id"])), 404)
        self.assertProblem(S["admin2"].delete("%s/%d" % (RULES, S["star"]["id"])), 404)


# ---- on the shipment ---------------------------------------------------------------------------

class ShipmentViewTest(Base):
    def test_an_international_shipment_carries_its_rules_documents(self):
        s = new_shipment("IN", "US")
        self.assertEqual(codes(s["documents_required"]),
                         ["commercial_invoice", "kyc", "hs_codes"], "the answer of the POST too")
        got = ok(S["agent"].get("/api/v1/shipments/%d" % s["id"]))
        docs = got["documents_required"]
        self.assertEqual(codes(docs), ["commercial_invoice", "kyc", "hs_codes"],
                         "the rule for parcels from IN beats the one for any origin")
        self.assertEqual(docs[0], {
            "code": "commercial_invoice", "name": "Commercial invoice",
            "note": "Three signed copies",
            "article": {"id": S["public"]["id"], "title": "Customs paperwork explained",
                        "language": "en", "url": "/help/en/articles/%d" % S["public"]["id"]}})
        # Agents see internal and draft articles, but no help-centre page for them.
        self.assertEqual(docs[1]["article"]["title"], "Agents only: checking exporter KYC")
        self.assertIsNone(docs[1]["article"]["url"])
        self.assertEqual(docs[2]["article"]["title"], "Unfinished HS code guide")
        self.assertIsNone(docs[2]["article"]["url"])

    def test_the_most_specific_rule_applies_and_domestic_parcels_need_nothing(self):
        cases = [("AE", "US", ["commercial_invoice"]),             # US, any origin
                 ("IN", "DE", ["commercial_invoice", "packing_list"]),  # *
                 ("IN", "IN", []),                                  # domestic
                 ("", "US", []),                                    # origin unknown
                 ("IN", "", [])]                                    # destination unknown
        for origin, destination, want in cases:
            with self.subTest(origin=origin, destination=destination):
                s = new_shipment(origin, destination)
                got = ok(S["agent"].get("/api/v1/shipments/%d" % s["id"]))
                self.assertEqual(codes(got["documents_required"]), want)

    def test_titles_follow_the_agents_language(self):
        s = new_shipment("IN", "US")
        docs = ok(S["hindi"].get("/api/v1/shipments/%d" % s["id"]))["documents_required"]
        self.assertEqual(docs[0]["article"]["title"], "कस्टम के कागज़ात")
        self.assertEqual(docs[0]["article"]["language"], "hi")
        self.assertEqual(docs[0]["article"]["url"], "/help/hi/articles/%d" % S["public"]["id"])
        self.assertEqual(docs[1]["article"]["title"], "Agents only: checking exporter KYC",
                         "no Hindi translation: the article's own title")

    def test_lists_contacts_and_tickets_show_them_too(self):
        contact = created(S["admin"].post("/api/v1/contacts", {
            "name": "Kavya Rao", "email": harness.unique_email("kavya")}))
        abroad = new_shipment("IN", "US", contact)
        home = new_shipment("IN", "IN", contact)
        want = {abroad["id"]: ["commercial_invoice", "kyc", "hs_codes"], home["id"]: []}

        listed = ok(S["agent"].get("/api/v1/shipments?contact_id=%d" % contact["id"]))["data"]
        self.assertEqual({x["id"]: codes(x["documents_required"]) for x in listed}, want)
        theirs = ok(S["agent"].get("/api/v1/contacts/%d/shipments" % contact["id"]))["data"]
        self.assertEqual({x["id"]: codes(x["documents_required"]) for x in theirs}, want)

        ticket = created(S["agent"].post("/api/v1/tickets", {
            "subject": "Parcel to Austin held at customs?",
            "message": {"body": "Which papers do you need?"},
            "requester": {"email": contact["email"]}}))
        linked = S["agent"].post("/api/v1/tickets/%d/shipments" % ticket["id"],
                                 {"shipment_id": abroad["id"]})
        self.assertEqual(linked.status, 201, linked.describe())
        self.assertEqual(codes(linked.json["documents_required"]),
                         ["commercial_invoice", "kyc", "hs_codes"])
        sidebar = ok(S["agent"].get("/api/v1/tickets/%d/shipments" % ticket["id"]))["data"]
        self.assertEqual(len(sidebar), 1)
        self.assertEqual(sidebar[0]["id"], abroad["id"])
        self.assertEqual(sidebar[0]["documents_required"][0]["article"]["id"], S["public"]["id"])

        patched = ok(S["agent"].patch("/api/v1/shipments/%d" % home["id"],
                                      {"destination": {"city": "Dubai", "pin": "",
                                                       "country": "AE"}}))
        self.assertEqual(codes(patched["documents_required"]),
                         ["commercial_invoice", "packing_list"], "AE has no rule of its own: *")

    def test_a_rule_change_shows_on_the_next_read(self):
        s = new_shipment("SG", "NZ")
        self.assertEqual(codes(ok(S["agent"].get("/api/v1/shipments/%d" % s["id"]))
                               ["documents_required"]), ["commercial_invoice", "packing_list"])
        nz = created(S["admin"].post(RULES, {"destination_country": "NZ", "documents": []}))
        self.assertEqual(ok(S["agent"].get("/api/v1/shipments/%d" % s["id"]))
                         ["documents_required"], [], "an empty rule says none are needed")
        ok(S["admin"].delete("%s/%d" % (RULES, nz["id"])), 204)
        self.assertEqual(len(ok(S["agent"].get("/api/v1/shipments/%d" % s["id"]))
                             ["documents_required"]), 2)


# ---- the portal --------------------------------------------------------------------------------

def customer(name):
    key = "browser-" + name
    if key not in S:
        S[key] = sign_in_on(S["server"], S[name]["email"])
    return S[key]


class PortalTest(Base):
    def test_the_customer_sees_the_documents_with_links_to_public_articles_only(self):
        s = new_shipment("IN", "US", S["ravi"])
        page = customer("ravi").get("/portal/shipments/%d?lang=en" % s["id"])
        self.assertEqual(page.status, 200, page.describe())
        html = text(page)
        self.assertIn("Documents required for United States", html)
        for shown in ("Commercial invoice", "Three signed copies", "Exporter KYC",
                      "Aadhaar or PAN", "HS codes", "Eight digits"):
            self.assertIn(shown, html)
        public = "/help/en/articles/%d" % S["public"]["id"]
        self.assertIn('href="%s"' % public, html)
        self.assertIn("Customs paperwork explained", html)
        # Never a link to a draft or an internal article, nor their titles.
        for hidden in (S["draft"], S["internal"]):
            self.assertNotIn("/articles/%d\"" % hidden["id"], html)
            self.assertNotIn(hidden["translations"][0]["title"], html)
        links = re.findall(r'href="(/help/[a-z]{2}/articles/[0-9]+)"', html)
        self.assertEqual(links, [public])

    def test_the_page_speaks_hindi(self):
        s = new_shipment("IN", "US", S["ravi"])
        html = text(customer("ravi").get("/portal/shipments/%d?lang=hi" % s["id"]))
        self.assertIn("के लिए ज़रूरी दस्तावेज़", html)
        self.assertIn('href="/help/hi/articles/%d"' % S["public"]["id"], html)
        self.assertIn("कस्टम के कागज़ात", html)
        kn = text(customer("ravi").get("/portal/shipments/%d?lang=kn" % s["id"]))
        self.assertIn("ಗೆ ಬೇಕಾದ ದಾಖಲೆಗಳು", kn)
        # Kannada: no published translation, so the English page.
        self.assertIn('href="/help/en/articles/%d"' % S["public"]["id"], kn)
        self.assertIn('<span lang="en">Customs paperwork explained</span>', kn)
        customer("ravi").get("/portal?lang=en")

    def test_a_domestic_parcel_lists_no_documents(self):
        s = new_shipment("IN", "IN", S["ravi"])
        html = text(customer("ravi").get("/portal/shipments/%d?lang=en" % s["id"]))
        self.assertIn(s["tracking_number"], html)
        self.assertNotIn("Documents required", html)

    def test_a_customer_never_sees_another_customers_parcel(self):
        theirs = new_shipment("IN", "US", S["ravi"])
        b = customer("meera")
        r = b.get("/portal/shipments/%d" % theirs["id"])
        self.assertEqual(r.status, 404, r.describe())
        html = text(r)
        self.assertNotIn(theirs["tracking_number"], html)
        self.assertNotIn("Three signed copies", html)
        self.assertNotIn("Documents required", html)
        self.assertNotIn(theirs["tracking_number"], text(b.get("/portal")))
        anon = Browser(S["server"]).get("/portal/shipments/%d" % theirs["id"])
        self.assertEqual(anon.status, 303, "a stranger is sent to sign in: " + anon.describe())


if __name__ == "__main__":
    unittest.main()
