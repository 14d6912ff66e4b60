"""PostgreSQL stopped and started again (fast and immediate modes) while
clients register applications: during the outage ogid answers 503
problem+json at once and stays up; once the database accepts connections
again ogid serves within 2 s, without a restart of its own; nothing
acknowledged is lost; and the calendar listener of a second ogid comes back
too, so a change made through the first is used by the second.

The cluster is shared by the whole test run: meson runs this test alone
(is_parallel : false)."""
import os
import subprocess
import time

from ogiload import IntakeLoad
from ogitest import Ogid, OgidTestCase, main, ogictl, pg_ctl

RECOVERY_LIMIT_S = 2.0  # issue 8: "within 2 s of the database coming back"


def pg_ready():
    return subprocess.run(["pg_isready", "-q", "-t", "1"], capture_output=True).returncode == 0


class DatabaseRestart(OgidTestCase):
    ogid_env = {"OGI_TODAY": "2025-06-20"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.second = Ogid(cls.dbname, env=cls.ogid_env)
        cls.second.start()

    @classmethod
    def tearDownClass(cls):
        cls.second.stop()
        super().tearDownClass()

    def outage_answers(self, client):
        """Requests that need the database, while it is down: each a 503 at once."""
        slowest = 0.0
        for path in ("/readyz", "/api/v1/requests?limit=1", "/api/v1/queue", "/readyz") * 3:
            started = time.monotonic()
            r = client.get(path)  # the client's timeout is 30 s: an exception fails the test
            slowest = max(slowest, time.monotonic() - started)
            p = self.assertProblem(r, 503, "database_unavailable")
            self.assertEqual(r.header("Retry-After"), "1")
            self.assertSecurityHeaders(r)
            self.assertTrue(p["title_zh"] and p["title_en"])
        return slowest

    def restart(self, mode, client):
        r = pg_ctl("-m", mode, "-w", "stop")
        self.assertEqual(r.returncode, 0, r.stderr)
        try:
            slowest = self.outage_answers(client)
            self.assertIsNone(self.ogid.proc.poll(), "ogid exited during the outage")
            self.assertIsNone(self.second.proc.poll(), "the second ogid exited during the outage")
        finally:
            r = pg_ctl("-l", os.environ["OGI_TEST_PGLOG"], "-W", "start")
            self.assertEqual(r.returncode, 0, r.stderr)
        # from the moment the database accepts connections to ogid's first answer that needs it
        back = served = None
        deadline = time.monotonic() + 60
        while served is None and time.monotonic() < deadline:
            if back is None:
                if pg_ready():
                    back = time.monotonic()
                else:
                    time.sleep(0.01)
                continue
            if client.get("/api/v1/requests?limit=1").status == 200:
                served = time.monotonic()
        self.assertIsNotNone(back, "the database did not come back")
        self.assertIsNotNone(served, "ogid did not serve again")
        return served - back, slowest

    def test_restart_under_load(self):
        body = int(ogictl(self.dbname, "body", "add", "重启测试街道", "--parent", "1").stdout)
        ogictl(self.dbname, "user", "add", "restartclerk", "--role", "clerk", "--body", str(body),
               "--password-stdin", input="a good long password\n")
        token = ogictl(self.dbname, "token", "create", "restartclerk").stdout.strip()
        probe = self.ogid.client(token=token)
        load = IntakeLoad([self.ogid.port, self.second.port], token, body, tag="dbrestart", workers=3)
        load.start()
        recovery = {}
        try:
            self.assertTrue(load.wait_for(10, 60), "no intake got through before the restarts")
            for mode in ("fast", "immediate"):
                load.wait_for(5, 20)
                recovery[mode], slowest = self.restart(mode, probe)
                print(f"dbrestart: {mode}: 503 within {slowest:.3f} s during the outage; "
                      f"served again {recovery[mode]:.3f} s after the database came back", flush=True)
            self.assertTrue(load.wait_for(10, 60), "intake did not resume")
        finally:
            load.stop()
        problems, figures = load.verify(self.dbname)
        print(f"dbrestart: {figures['acknowledged']} acknowledged, {figures['found']} found; "
              f"{figures['503']} answered 503, {figures['no_answer']} without an answer, "
              f"slowest answer {figures['slowest_answer_s']} s", flush=True)
        self.assertEqual(problems, [])
        self.assertGreater(figures["503"], 0, "no intake met the outage: the test proved nothing")
        for mode, seconds in recovery.items():
            self.assertLess(seconds, RECOVERY_LIMIT_S, f"{mode} restart: ogid served again after {seconds:.2f} s")
        self.calendar_change_reaches_second()

    def calendar_change_reaches_second(self):
        """After the restarts the second ogid listens again: a day made a holiday through
        the first is used by the second's calculator."""
        b = self.second.client()
        b.login("admin", self.ogid.admin_password)
        path = "/api/v1/workdays/add?from=2026-12-30&days=1"
        # Wed 2026-12-30 + 1 wd = Thu 2026-12-31 (an ordinary working day in the shipped calendar)
        self.assertEqual(b.get(path).json["date"], "2026-12-31")
        r = self.admin.put("/api/v1/calendar/days/2026-12-31", {"kind": "holiday", "name": "测试假日"})
        self.assertEqual(r.status, 200, r)
        try:
            seen = None
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                # with 12-31 off, the next working day is Fri 2027-01-01 (2027 not loaded: the weekday rule)
                seen = b.get(path).json["date"]
                if seen == "2027-01-01":
                    break
                time.sleep(0.02)
            self.assertEqual(seen, "2027-01-01", "the second ogid did not take the change")
        finally:
            self.admin.put("/api/v1/calendar/days/2026-12-31", {"kind": "rule"})


if __name__ == "__main__":
    main()
