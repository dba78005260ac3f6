"""Rate limits: per agent on the API, per address on login, with RateLimit-* headers."""

import unittest

import harness


class ApiRateLimitTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server(env={"SAHAYAK_RATE_LIMIT_PER_MINUTE": "5",
                                         "SAHAYAK_LOGIN_RATE_LIMIT_PER_MINUTE": "3"})
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def test_a_caller_over_the_limit_gets_429_and_others_do_not(self):
        admin = self.server.bearer(self.server.admin_token)
        remaining = []
        for _ in range(5):
            r = admin.get("/api/v1/tickets")
            self.assertEqual(r.status, 200, r.describe())
            self.assertEqual(r.headers.get("RateLimit-Limit"), "5")
            remaining.append(int(r.headers.get("RateLimit-Remaining")))
        self.assertEqual(remaining, [4, 3, 2, 1, 0])
        r = admin.get("/api/v1/tickets")
        self.assertEqual(r.status, 429, r.describe())
        self.assertEqual(r.body["type"], "/problems/rate-limited")
        self.assertGreaterEqual(int(r.headers.get("Retry-After")), 1)
        self.assertEqual(r.headers.get("RateLimit-Remaining"), "0")
        # A refused request writes nothing and another agent is unaffected.
        agent = self.server.bearer(self.server.agent_token)
        r = agent.get("/api/v1/tickets")
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(self.server.anonymous().get("/healthz").status, 200,
                         "public health checks are not limited")

    def test_logins_from_one_address_are_limited(self):
        anon = self.server.anonymous()
        statuses = [anon.login(self.server.agent_email, "wrong-password").status
                    for _ in range(4)]
        self.assertEqual(statuses[:3], [401, 401, 401])
        self.assertEqual(statuses[3], 429)


class DefaultLimitTest(unittest.TestCase):
    def test_default_limit_is_announced(self):
        server = harness.Server()
        try:
            server.start()
            r = server.bearer(server.admin_token).get("/api/v1/auth/me")
            self.assertEqual(r.status, 200)
            self.assertEqual(r.headers.get("RateLimit-Limit"), "6000")
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
