"""GET /api/v1/tickets/count: the same filters as the list, and the count matches it."""

import unittest

import harness


class TicketCountTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server()
        cls.server.start()
        cls.admin = cls.server.bearer(cls.server.admin_token)
        cls.tag = harness.unique("cnt").lower()
        for i in range(7):
            t = cls.admin.create_ticket(subject="count %d" % i, tags=[cls.tag])
            if i < 3:
                r = cls.admin.patch("/api/v1/tickets/%d" % t["id"], {"status": "pending"})
                assert r.status == 200, r.describe()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def count(self, query):
        r = self.admin.get("/api/v1/tickets/count" + query)
        self.assertEqual(r.status, 200, r.describe())
        self.assertFalse(r.body["capped"])
        return r.body["count"]

    def listed(self, query):
        return len(self.admin.list_all("/api/v1/tickets" + query))

    def test_counts_agree_with_the_lists(self):
        for query in ("?tag=" + self.tag, "?tag=%s&status=pending" % self.tag,
                      "?tag=%s&status=new,pending" % self.tag, "?status=pending",
                      "?assignee=none&tag=" + self.tag):
            self.assertEqual(self.count(query), self.listed(query), query)
        self.assertEqual(self.count("?tag=" + self.tag), 7)
        self.assertEqual(self.count("?tag=%s&status=pending" % self.tag), 3)

    def test_bad_filters_are_named(self):
        r = self.admin.get("/api/v1/tickets/count?status=lost&group=x")
        self.assertEqual(r.status, 422, r.describe())
        fields = {e["field"] for e in r.body["errors"]}
        self.assertEqual(fields, {"status", "group"})

    def test_anonymous_callers_are_refused(self):
        self.assertEqual(self.server.anonymous().get("/api/v1/tickets/count").status, 401)


if __name__ == "__main__":
    unittest.main()
