"""Two ogid processes on one database, as behind a load balancer: events
raced through both with the same If-Match have exactly one winner, events
without one are all kept (no lost update of the request row), intake through
both hands out tracking numbers without gaps, and a calendar change made
through either is used by the other at once (LISTEN/NOTIFY)."""
import threading
import time

from ogiload import IntakeLoad
from ogitest import Ogid, OgidTestCase, main, ogictl, psql

TODAY = "2025-06-20"


def intake(body_id, received_on="2025-03-03"):
    return {"body_id": body_id, "channel": "online", "received_on": received_on,
            "applicant": {"kind": "legal_service_org", "name": "某律师事务所"},
            "description": "两个进程测试", "form": {"medium": "electronic", "delivery": "online"}}


class TwoDaemons(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.b = Ogid(cls.dbname, env=cls.ogid_env)
        cls.b.start()
        cls.body = int(ogictl(cls.dbname, "body", "add", "双进程街道", "--parent", "1").stdout)
        ogictl(cls.dbname, "user", "add", "twoapprover", "--role", "approver", "--body", str(cls.body),
               "--password-stdin", input="a good long password\n")
        cls.token = ogictl(cls.dbname, "token", "create", "twoapprover").stdout.strip()
        cls.via = [cls.ogid.client(token=cls.token), cls.b.client(token=cls.token)]

    @classmethod
    def tearDownClass(cls):
        cls.b.stop()
        super().tearDownClass()

    def race(self, rid, n, if_match):
        """n clients, alternately through each ogid, post a note at the same moment."""
        barrier = threading.Barrier(n)
        statuses = [None] * n

        def post(i):
            headers = {"If-Match": if_match} if if_match else None
            barrier.wait()
            statuses[i] = self.via[i % 2].post(f"/api/v1/requests/{rid}/events",
                                               {"type": "note", "on": "2025-03-04", "text": f"第{i}个"},
                                               headers=headers).status

        threads = [threading.Thread(target=post, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        return statuses

    def test_if_match_races_have_one_winner(self):
        for _ in range(8):
            rid = self.via[0].post("/api/v1/requests", intake(self.body)).json["id"]
            statuses = self.race(rid, 6, '"1"')
            self.assertEqual(sorted(statuses), [201] + [412] * 5, statuses)
            # the loser recorded nothing: one registered event and the winner's note
            events = self.via[1].get(f"/api/v1/requests/{rid}/events").json["events"]
            self.assertEqual([e["type"] for e in events], ["registered", "note"])
            r = self.via[1].get(f"/api/v1/requests/{rid}")
            self.assertEqual(r.header("ETag"), '"2"')

    def test_unconditional_events_are_all_kept(self):
        rid = self.via[0].post("/api/v1/requests", intake(self.body)).json["id"]
        statuses = self.race(rid, 12, None)
        self.assertEqual(statuses, [201] * 12)
        # each event bumped the version once: no update of the request row was lost
        r = self.via[0].get(f"/api/v1/requests/{rid}")
        self.assertEqual(r.header("ETag"), '"13"')
        self.assertEqual(psql(f"SELECT count(*) FROM request_events WHERE request_id = {rid}", self.dbname), "13")

    def test_intake_through_both_has_no_gaps(self):
        body = int(ogictl(self.dbname, "body", "add", "双进程登记", "--parent", "1").stdout)
        ogictl(self.dbname, "user", "add", "twoclerk", "--role", "clerk", "--body", str(body),
               "--password-stdin", input="a good long password\n")
        token = ogictl(self.dbname, "token", "create", "twoclerk").stdout.strip()
        load = IntakeLoad([self.ogid.port, self.b.port], token, body, tag="two", workers=4)
        load.start()
        try:
            self.assertTrue(load.wait_for(80, 120))
        finally:
            load.stop()
        problems, figures = load.verify(self.dbname)
        self.assertEqual(problems, [])
        self.assertEqual(figures["acknowledged"], figures["found"])

    def wait_for_date(self, client, path, expected):
        started = time.monotonic()
        seen = None
        while time.monotonic() - started < 10:
            seen = client.get(path).json["date"]
            if seen == expected:
                return time.monotonic() - started
            time.sleep(0.005)
        self.fail(f"{path}: still {seen}, not {expected}")

    def test_calendar_change_reaches_the_other_at_once(self):
        admins = [self.ogid.admin(), self.b.client()]
        admins[1].login("admin", self.ogid.admin_password)
        path = "/api/v1/workdays/add?from=2026-11-30&days=1"
        # Mon 2026-11-30 + 1 wd = Tue 12-01; with 12-01 off: Wed 12-02
        for writer, reader in ((0, 1), (1, 0)):
            self.assertEqual(admins[reader].get(path).json["date"], "2026-12-01")
            r = admins[writer].put("/api/v1/calendar/days/2026-12-01", {"kind": "holiday", "name": "测试"})
            self.assertEqual(r.status, 200, r)
            delay = self.wait_for_date(admins[reader], path, "2026-12-02")
            print(f"twodaemons: a change through ogid {writer + 1} used by ogid {reader + 1} "
                  f"{delay * 1000:.1f} ms after it was committed", flush=True)
            r = admins[writer].put("/api/v1/calendar/days/2026-12-01", {"kind": "rule"})
            self.assertEqual(r.status, 200, r)
            self.wait_for_date(admins[reader], path, "2026-12-01")

    def test_calendar_listener_listens_again_after_its_connection_is_ended(self):
        """The server ends every session of the database (pg_terminate_backend, as a failover or
        an operator would): the listener of the second ogid notices, connects again and goes on
        hearing each change made through the first."""
        admins = [self.ogid.admin(), self.b.client()]
        admins[1].login("admin", self.ogid.admin_password)
        ended = psql("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()) t", self.dbname)
        self.assertGreaterEqual(int(ended), 2)  # at least the two listeners
        path = "/api/v1/workdays/add?from=2026-11-30&days=1"
        # the workers' connections were ended too: each reconnects on its next request (a 503
        # at most meanwhile)
        started = time.monotonic()
        while admins[1].get("/api/v1/session").status == 503 and time.monotonic() - started < 5:
            time.sleep(0.05)
        for kind, expected in (("holiday", "2026-12-02"), ("rule", "2026-12-01"),
                               ("holiday", "2026-12-02"), ("rule", "2026-12-01")):
            started = time.monotonic()
            while True:
                r = admins[0].put("/api/v1/calendar/days/2026-12-01", {"kind": kind, "name": "测试"})
                if r.status != 503 or time.monotonic() - started > 5:
                    break
                time.sleep(0.05)
            self.assertEqual(r.status, 200, r)
            self.wait_for_date(admins[1], path, expected)


if __name__ == "__main__":
    main()
