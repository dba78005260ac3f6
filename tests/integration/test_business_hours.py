"""Business hours and holidays on the real server (docs/business-hours.md).

Admins create, change and delete schedules with ETag/If-Match; agents read them and may not
write. Overlapping or impossible periods, unknown zones, repeated holiday dates and schedules
that are never open are refused with 422 naming each member, and nothing is written. Holidays
come one at a time or from an .ics file (as text/calendar or multipart); a file that cannot be
read is 422 saying the line. The status and due-time routes answer what SLAs and the chat
widget ask: open now, the next change, and the deadline of an e-mail at 17:55 on the Friday
before Independence Day."""

import secrets
import unittest

import harness

S = {}


def setUpModule():
    server = harness.Server()
    server.start()
    S["server"] = server
    S["admin"] = server.bearer(server.admin_token)
    S["agent"] = server.bearer(server.agent_token)


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def split_shift(days=("mon", "tue", "wed", "thu", "fri", "sat")):
    periods = []
    for d in days:
        periods.append({"day": d, "start": "09:00", "end": "13:00"})
        periods.append({"day": d, "start": "14:00", "end": "18:00"})
    return periods


def create(body, client=None):
    body = dict(body)
    body.setdefault("name", harness.unique("hours"))
    return (client or S["admin"]).post("/api/v1/business-hours", body)


def created(r):
    if r.status != 201:
        raise harness.HarnessError("expected 201:\n" + r.describe())
    return r.json


def fields(r):
    return {e["field"]: e["message"] for e in (r.json or {}).get("errors", [])}


def ics(*events, name="Karnataka"):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Sahayak tests//EN",
             "X-WR-CALNAME:" + name]
    for e in events:
        lines += ["BEGIN:VEVENT"] + list(e) + ["END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


class BusinessHoursTest(unittest.TestCase):
    maxDiff = None

    def test_admin_creates_agent_reads_and_may_not_write(self):
        desk = created(create({"time_zone": "Asia/Kolkata", "periods": split_shift(),
                               "holidays": [{"date": "2026-08-15", "name": "Independence Day",
                                             "calendar": "India"}]}))
        self.assertEqual(len(desk["periods"]), 12)
        self.assertEqual(desk["periods"][1], {"day": "mon", "start": "14:00", "end": "18:00"})
        self.assertEqual(desk["holidays"], [{"date": "2026-08-15", "name": "Independence Day",
                                             "calendar": "India"}])
        path = "/api/v1/business-hours/%d" % desk["id"]
        got = S["agent"].get(path)
        self.assertEqual(got.status, 200, got.describe())
        self.assertEqual(got.json["periods"], desk["periods"])
        self.assertEqual(got.header("ETag"), '"1"')
        listed = S["agent"].get("/api/v1/business-hours")
        self.assertIn(desk["id"], [h["id"] for h in listed.json["data"]])

        for r in (create({"time_zone": "Asia/Kolkata", "periods": split_shift()}, S["agent"]),
                  S["agent"].patch(path, {"always_open": True}),
                  S["agent"].delete(path),
                  S["agent"].post(path + "/holidays", {"date": "2026-10-02", "name": "x"}),
                  S["agent"].request("POST", path + "/holidays/import",
                                     raw_body=ics(), content_type="text/calendar")):
            self.assertEqual(r.status, 403, r.describe())
        self.assertEqual(S["agent"].get(path).json["version"], 1)

    def test_bad_schedules_are_refused_naming_each_member(self):
        before = len(S["admin"].get("/api/v1/business-hours").json["data"])
        r = create({"time_zone": "Asia/Bengaluru",
                    "periods": split_shift(("mon",)) + [
                        {"day": "mon", "start": "12:30", "end": "14:30"},
                        {"day": "tue", "start": "18:00", "end": "09:00"},
                        {"day": "wed", "start": "25:00", "end": "26:00"},
                        {"day": "someday", "start": "09:00", "end": "10:00"}],
                    "holidays": [{"date": "2026-01-26", "name": "Republic Day"},
                                 {"date": "2026-02-30", "name": "No such day"}],
                    "colour": "blue"})
        self.assertEqual(r.status, 422, r.describe())
        self.assertEqual(r.json["type"], "/problems/validation")
        f = fields(r)
        self.assertIn("periods[4].start", f)
        self.assertIn("periods[4].end", f)
        self.assertIn("periods[5].day", f)
        self.assertIn("holidays[1].date", f)
        self.assertIn("colour", f)
        # The shape is right, so the schedule itself is judged: overlaps, backwards periods,
        # the zone, a date twice.
        r = create({"time_zone": "Mars/Olympus",
                    "periods": split_shift(("mon",)) + [
                        {"day": "mon", "start": "12:30", "end": "14:30"},
                        {"day": "tue", "start": "18:00", "end": "09:00"}],
                    "holidays": [{"date": "2026-01-26", "name": "Republic Day"},
                                 {"date": "2026-01-26", "name": "Again"}]})
        self.assertEqual(r.status, 422, r.describe())
        f = fields(r)
        self.assertIn("Mars/Olympus", f["time_zone"])
        self.assertIn("overlaps periods[0] (mon 09:00–13:00)", f["periods[2]"])
        self.assertIn("later than the period's start (18:00)", f["periods[3].end"])
        self.assertIn("repeats holidays[0]", f["holidays[1].date"])
        r = create({"time_zone": "Europe/London", "periods": []})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("never open", fields(r)["periods"])
        self.assertEqual(len(S["admin"].get("/api/v1/business-hours").json["data"]), before)

    def test_versions_and_changes(self):
        desk = created(create({"time_zone": "Europe/London", "periods": split_shift()}))
        path = "/api/v1/business-hours/%d" % desk["id"]
        stale = S["admin"].patch(path, {"always_open": True}, headers={"If-Match": '"7"'})
        self.assertEqual(stale.status, 412, stale.describe())
        r = S["admin"].patch(path, {"periods": [{"day": "sun", "start": "00:00",
                                                 "end": "24:00"}]},
                             headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["version"], 2)
        self.assertEqual(r.json["periods"], [{"day": "sun", "start": "00:00", "end": "24:00"}])
        bad = S["admin"].patch(path, {"periods": [{"day": "sun", "start": "10:00",
                                                   "end": "10:00"}]})
        self.assertEqual(bad.status, 422, bad.describe())
        self.assertIn("periods[0].end", fields(bad))
        self.assertEqual(S["admin"].get(path).json["version"], 2)
        gone = S["admin"].delete(path)
        self.assertEqual(gone.status, 204, gone.describe())
        self.assertEqual(S["admin"].get(path).status, 404)

    def test_holidays_one_at_a_time_and_from_ics(self):
        desk = created(create({"time_zone": "Asia/Kolkata", "periods": split_shift()}))
        path = "/api/v1/business-hours/%d" % desk["id"]
        r = S["admin"].post(path + "/holidays", {"date": "2026-10-02", "name": "Gandhi Jayanti",
                                                 "calendar": "India"})
        self.assertEqual(r.status, 201, r.describe())
        again = S["admin"].post(path + "/holidays", {"date": "2026-10-02", "name": "Again"})
        self.assertEqual(again.status, 422, again.describe())
        self.assertIn("Gandhi Jayanti", fields(again)["date"])
        bad = S["admin"].post(path + "/holidays", {"date": "2 Oct", "name": ""})
        self.assertEqual(set(fields(bad)), {"date", "name"})

        calendar = ics(["UID:1", "DTSTART;VALUE=DATE:20261101", "RRULE:FREQ=YEARLY",
                        "SUMMARY:Kannada Rajyotsava"],
                       ["UID:2", "DTSTART;VALUE=DATE:20261020", "DTEND;VALUE=DATE:20261022",
                        "SUMMARY:Mahanavami\\, Ayudha Puja and",
                        "  Vijayadashami"],  # folded: the first space goes
                       ["UID:3", "DTSTART;VALUE=DATE:20261002", "SUMMARY:Gandhi Jayanti"])
        r = S["admin"].request("POST", path + "/holidays/import", raw_body=calendar,
                               content_type="text/calendar; charset=utf-8")
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["import"]["events"], 3)
        self.assertEqual(r.json["import"]["already_present"], 1)
        dates = {h["date"]: (h["name"], h["calendar"]) for h in r.json["holidays"]}
        self.assertEqual(dates["2026-10-02"], ("Gandhi Jayanti", "India"))  # kept as it was
        self.assertEqual(dates["2026-10-20"],
                         ("Mahanavami, Ayudha Puja and Vijayadashami", "Karnataka"))
        self.assertIn("2026-10-21", dates)
        self.assertNotIn("2026-10-22", dates)  # DTEND is exclusive
        self.assertIn("2026-11-01", dates)
        self.assertIn("2027-11-01", dates)
        listed = S["agent"].get(path + "/holidays")
        self.assertEqual([h["date"] for h in listed.json["data"]], sorted(dates))

        # The same file as a multipart upload, labelled by the query: nothing new to add.
        boundary = "----sahayak" + secrets.token_hex(8)
        body = ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ka.ics\"\r\n"
                "Content-Type: text/calendar\r\n\r\n%s\r\n--%s--\r\n"
                % (boundary, calendar, boundary))
        r = S["admin"].request("POST", path + "/holidays/import?calendar=KA", raw_body=body,
                               content_type="multipart/form-data; boundary=" + boundary)
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["import"]["added"], 0)

        version = S["admin"].get(path).json["version"]
        broken = ics(["DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261201",
                      "SUMMARY:Backwards"],
                     ["DTSTART:20261301", "SUMMARY:Thirteenth month"])
        r = S["admin"].request("POST", path + "/holidays/import", raw_body=broken,
                               content_type="text/calendar")
        self.assertEqual(r.status, 422, r.describe())
        messages = [e["message"] for e in r.json["errors"]]
        self.assertEqual([e["field"] for e in r.json["errors"]], ["ics", "ics"])
        self.assertTrue(messages[0].startswith("line 7: DTEND is before DTSTART"), messages)
        self.assertTrue(messages[1].startswith("line 11: DTSTART \"20261301\""), messages)
        self.assertEqual(S["admin"].get(path).json["version"], version)

        r = S["admin"].request("POST", path + "/holidays/import", raw_body="not a calendar",
                               content_type="text/plain")
        self.assertEqual(r.status, 415, r.describe())
        r = S["admin"].request("POST", path + "/holidays/import", raw_body="Subject,Date\n",
                               content_type="text/calendar")
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("not an iCalendar file", fields(r)["ics"])

    def test_status_and_due_time_before_a_holiday(self):
        desk = created(create({"time_zone": "Asia/Kolkata", "periods": split_shift(),
                               "holidays": [{"date": "2026-08-15",
                                             "name": "Independence Day"}]}))
        path = "/api/v1/business-hours/%d" % desk["id"]
        r = S["agent"].get(path + "/status?at=2026-08-14T17:55:00%2B05:30")
        self.assertEqual(r.status, 200, r.describe())
        self.assertTrue(r.json["open"])
        self.assertEqual(r.json["next_change"], "2026-08-14T18:00:00+05:30")
        r = S["agent"].get(path + "/status?at=2026-08-15T06:30:00Z")
        self.assertFalse(r.json["open"])
        self.assertEqual(r.json["holiday"]["name"], "Independence Day")
        self.assertEqual(r.json["next_open"], "2026-08-17T09:00:00+05:30")
        # An e-mail at 17:55 on the Friday before the holiday, with a four-hour target: five
        # minutes on Friday, then Monday morning.
        r = S["agent"].get(path + "/due?from=2026-08-14T17:55:00%2B05:30&minutes=240")
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["due_at"], "2026-08-17T12:55:00+05:30")
        r = S["agent"].get(path + "/due?from=2026-08-14T17:55:00%2B05:30&minutes=1440")
        self.assertEqual(r.json["due_at"], "2026-08-19T17:55:00+05:30")
        bad = S["agent"].get(path + "/status?at=yesterday")
        self.assertEqual(bad.status, 422, bad.describe())
        self.assertIn("at", fields(bad))
        bad = S["agent"].get(path + "/due?minutes=-5")
        self.assertEqual(bad.status, 422, bad.describe())
        self.assertIn("minutes", fields(bad))

    def test_daylight_saving_in_london(self):
        shop = created(create({"time_zone": "Europe/London",
                               "periods": [{"day": "sun", "start": "00:00", "end": "03:00"}]}))
        path = "/api/v1/business-hours/%d" % shop["id"]
        # 29 March 2026: the clocks skip 01:00–02:00, so three wall-clock hours last two.
        r = S["agent"].get(path + "/due?from=2026-03-29T00:00:00Z&minutes=120")
        self.assertEqual(r.json["due_at"], "2026-03-29T03:00:00+01:00")
        # 25 October 2026: 01:00–02:00 happens twice, so they last four.
        r = S["agent"].get(path + "/due?from=2026-10-24T23:00:00Z&minutes=240")
        self.assertEqual(r.json["due_at"], "2026-10-25T03:00:00Z")

    def test_groups_follow_one_schedule(self):
        g = S["admin"].post("/api/v1/groups", {"name": harness.unique("Chat team")})
        self.assertEqual(g.status, 201, g.describe())
        chat = created(create({"always_open": True, "group_ids": [g.json["id"]]}))
        self.assertEqual(chat["group_ids"], [g.json["id"]])
        r = create({"time_zone": "Asia/Kolkata", "periods": split_shift(),
                    "group_ids": [g.json["id"], 987654]})
        self.assertEqual(r.status, 422, r.describe())
        f = fields(r)
        self.assertIn("already", f["group_ids[0]"])
        self.assertIn("not a group", f["group_ids[1]"])
        r = S["agent"].get("/api/v1/business-hours/%d/status" % chat["id"])
        self.assertTrue(r.json["open"])
        self.assertIsNone(r.json["next_change"])


if __name__ == "__main__":
    unittest.main()
