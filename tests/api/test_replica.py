"""Read replicas (issue 17 item 3): a real streaming standby of the test cluster
(pg_basebackup -R), ogid started with --replica.  Lag-tolerant reads (the list, the
CSV, the audit log, the annual report) go to the standby while it keeps up; a user's
reads right after their own write go to the primary; with replay paused and the
primary written to, the lag passes --replica-max-lag and reads fall back to the
primary (and see the new row); with the standby stopped every read is still
answered (no 5xx).  Where a read went is read from /metrics
(ogi_reads_total{server=…}); /readyz and /metrics show the standby's state."""
import os
import re

from ogitest import (Ogid, OgidTestCase, Standby, create_database, drop_database, main, ogictl, psql,
                     skip_without_cluster, wait_for)

PW = "a good long password"
STANDBY_PORT = 5433 + os.getpid() % 1000  # its own socket in the cluster's directory


def intake(body_id, name):
    return {"body_id": body_id, "channel": "online", "received_on": "2025-03-03",
            "applicant": {"kind": "legal_service_org", "name": name},
            "description": "只读副本测试", "form": {"medium": "electronic", "delivery": "online"}}


class Replica(OgidTestCase):
    @classmethod
    def setUpClass(cls):
        skip_without_cluster(cls)
        cls.ogid = None
        cls.dbname = create_database("replica")
        ogictl(cls.dbname, "migrate")
        cls.standby = Standby(STANDBY_PORT, cls.dbname)
        cls.standby.start()
        cls.replica_conninfo = cls.standby.conninfo
        cls.ogid = Ogid(cls.dbname, args=("--replica", cls.replica_conninfo, "--replica-max-lag", "1"))
        cls.ogid.start()
        cls.body = int(ogictl(cls.dbname, "body", "add", "副本街道", "--parent", "1").stdout)
        for user, role in (("repreader", "auditor"), ("repclerk", "clerk")):
            ogictl(cls.dbname, "user", "add", user, "--role", role, "--body", str(cls.body),
                   "--password-stdin", input=PW + "\n")
        cls.reader_token = ogictl(cls.dbname, "token", "create", "repreader").stdout.strip()
        cls.clerk_token = ogictl(cls.dbname, "token", "create", "repclerk").stdout.strip()
        cls.reader = cls.ogid.client(token=cls.reader_token)
        cls.clerk = cls.ogid.client(token=cls.clerk_token)

    @classmethod
    def tearDownClass(cls):
        if cls.ogid is not None:
            cls.ogid.stop()
        cls.standby.remove()
        drop_database(cls.dbname)

    def metrics(self):
        r = self.ogid.client().get("/metrics")
        self.assertEqual(r.status, 200)
        text = r.body.decode()
        reads = {m.group(1): int(m.group(2)) for m in re.finditer(r'^ogi_reads_total\{server="(\w+)"\} (\d+)$',
                                                                  text, re.M)}
        return text, reads

    def replica_state(self):
        r = self.ogid.client().get("/readyz")
        self.assertEqual(r.status, 200, r)  # the primary serves whatever the standby does
        (rep,) = r.json["replicas"]
        self.assertEqual(rep["replica"], 1)
        return rep

    def streaming(self):
        return wait_for("the standby streaming", lambda: self.replica_state()["state"] == "streaming")

    def reads(self, client, n=1):
        """n lag-tolerant reads by client; the counts of reads by server they added."""
        _, before = self.metrics()
        paths = ["/api/v1/requests?limit=5", "/api/v1/requests.csv", f"/api/v1/audit?limit=5",
                 f"/api/v1/reports/annual?year=2025&body_id={self.body}"]
        bodies = []
        for i in range(n):
            r = client.get(paths[i % len(paths)])
            self.assertEqual(r.status, 200, r)
            bodies.append(r)
        _, after = self.metrics()
        return {k: after.get(k, 0) - before.get(k, 0) for k in after}, bodies

    def test_1_reads_go_to_the_standby(self):
        self.streaming()
        delta, _ = self.reads(self.reader, 8)
        self.assertEqual(delta, {"primary": 0, "replica1": 8})
        text, _ = self.metrics()
        self.assertIn('ogi_replica_used{replica="1",state="streaming"} 1', text)
        self.assertRegex(text, r'ogi_replica_lag_seconds\{replica="1"\} \d+\.\d{3}')
        self.assertGreaterEqual(self.replica_state()["reads"], 8)
        # writes and the reads that are no list, report or export stay on the primary
        r = self.reader.get("/api/v1/queue")
        self.assertEqual(r.status, 200, r)

    def test_2_own_write_is_read_from_the_primary(self):
        self.streaming()
        r = self.clerk.post("/api/v1/requests", intake(self.body, "刚写入的申请人"))
        self.assertEqual(r.status, 201, r)
        tracking = r.json["tracking_no"]
        delta, (listing,) = self.reads(self.clerk, 1)
        self.assertEqual(delta, {"primary": 1, "replica1": 0})
        self.assertIn(tracking, listing.body.decode())
        # another user, who wrote nothing, reads from the standby
        delta, _ = self.reads(self.reader, 1)
        self.assertEqual(delta, {"primary": 0, "replica1": 1})

    def test_3_held_replay_falls_back_to_the_primary(self):
        self.streaming()
        self.standby.sql("SELECT pg_wal_replay_pause()")
        try:
            # written on the primary (not by the reader): the standby does not replay it
            psql(f"UPDATE bodies SET name = name WHERE id = {self.body}", self.dbname)
            r = self.clerk.post("/api/v1/requests", intake(self.body, "暂停回放期间的申请人"))
            self.assertEqual(r.status, 201, r)
            tracking = r.json["tracking_no"]
            rep = wait_for("the standby lagging", lambda: (lambda s: s if s["state"] == "lagging" else None)(
                self.replica_state()))
            self.assertFalse(rep["used"])
            self.assertGreater(rep["lag_seconds"], 1)
            text, _ = self.metrics()
            self.assertIn('ogi_replica_used{replica="1",state="lagging"} 0', text)
            delta, (listing,) = self.reads(self.reader, 1)
            self.assertEqual(delta, {"primary": 1, "replica1": 0})
            self.assertIn(tracking, listing.body.decode())  # fresh: the primary's rows
        finally:
            self.standby.sql("SELECT pg_wal_replay_resume()")
        self.streaming()
        delta, (listing,) = self.reads(self.reader, 1)
        self.assertEqual(delta, {"primary": 0, "replica1": 1})
        self.assertIn(tracking, listing.body.decode())  # replayed now

    def test_4_a_stopped_standby_costs_no_read(self):
        self.streaming()
        self.reads(self.reader, 4)  # every worker may hold a connection to it now
        self.standby.stop()
        try:
            statuses = []
            for i in range(24):  # while ogid notices: each read answered, from wherever
                statuses.append(self.reader.get(["/api/v1/requests?limit=5", "/api/v1/audit?limit=5",
                                                 "/api/v1/requests.csv"][i % 3]).status)
            self.assertEqual(statuses, [200] * 24)
            rep = wait_for("the standby seen down",
                           lambda: (lambda s: s if s["state"] == "down" else None)(self.replica_state()))
            self.assertFalse(rep["used"])
            self.assertIsNone(rep["lag_seconds"])
            delta, _ = self.reads(self.reader, 4)
            self.assertEqual(delta, {"primary": 4, "replica1": 0})
            text, _ = self.metrics()
            self.assertIn('ogi_replica_used{replica="1",state="down"} 0', text)
        finally:
            self.standby.start()
        self.streaming()  # and back when it is


if __name__ == "__main__":
    main()
