"""ogictl backup and restore: a database full of requests in every state is
backed up while ogid serves it, restored into an empty database, and the
copy is the same — every table row by row, and every request, timeline,
deadline explanation, list, queue, CSV, calendar and annual report (JSON,
CSV, Markdown, HTML) as ogid serves them.  The same with the embedded
cluster (ogictl --data-dir).  A restore refuses a database that holds ogi's
tables (unless --clean), a running ogid and a file that is no backup."""
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import time
import unittest
import hashlib
import urllib.parse

from attachfiles import docx, pdf, png
from ogitest import (LOG_DIR, OGICTL, OGID, Client, Ogid, OgidTestCase, conninfo, create_database, drop_database,
                     main, ogictl, psql)

TODAY = "2025-06-20"
PASSWORD = "a good long password"


def populate(c, body):
    """Requests in every state, made through the API as a clerk's day would."""
    applicants = [
        {"kind": "natural_person", "name": "张三", "id_type": "resident_id_card", "id_number": "11010519491231002X",
         "phone": "13800000000"},
        {"kind": "commercial_enterprise", "name": "某某科技有限公司", "id_type": "uscc",
         "id_number": "91350100M000100Y43"},
        {"kind": "research_institution", "name": "某大学法学院"},
        {"kind": "other_org", "name": "某协会", "email": "info@example.org"},
    ]
    channels = ["in_person", "post_registered", "online", "email", "fax", "oral"]
    ids = []
    for i in range(12):
        r = c.post("/api/v1/requests", {
            "body_id": body, "channel": channels[i % len(channels)], "received_on": f"2025-03-0{3 + i % 3}",
            "applicant": applicants[i % len(applicants)], "description": f"第{i}号申请：2024年道路维修资金使用情况",
            "form": {"medium": "electronic", "delivery": "email"}}, headers={"Idempotency-Key": f"backup-{i}"})
        assert r.status == 201, r
        ids.append(r.json["id"])

    def ev(rid, **body):
        r = c.post(f"/api/v1/requests/{rid}/events", body)
        assert r.status == 201, (body, r)

    ev(ids[0], type="extension_approved", on="2025-03-20", working_days=20, approver="李主任", reason="需调取档案")
    ev(ids[0], type="replied", on="2025-04-10", outcome="disclosed", delivered_on="2025-04-11")
    ev(ids[1], type="correction_requested", on="2025-04-08", items="请写明文件名称")
    ev(ids[2], type="correction_requested", on="2025-05-07", items="请补充身份证明")
    ev(ids[2], type="correction_received", on="2025-05-20")
    ev(ids[3], type="consultation_started", on="2025-03-10", party="third_party", name="某公司")
    ev(ids[4], type="consultation_started", on="2025-04-08", party="other_body", name="区财政局")
    ev(ids[4], type="consultation_ended", on="2025-04-20", answer="agree")
    ev(ids[5], type="fee_notice_issued", on="2025-05-12", method="per_volume", pages=40)
    ev(ids[6], type="replied", on="2025-04-03", outcome="not_held_other_body", referred_body="区住建局")
    ev(ids[7], type="withdrawn", on="2025-03-10")
    ev(ids[8], type="note", on="2025-05-05", text="申请人来电询问进度")
    ev(ids[9], type="replied", on="2025-06-01", outcome="withheld_third_party", basis="第十五条")
    ev(ids[10], type="delay_set", on="2025-03-20", due_on="2025-06-30", reason="数量较大")
    # the papers of the case files: one of several chunks, a voided one, on a closed request too
    for rid, data, ctype, name in ((ids[0], pdf(600_000), "application/pdf", "申请表.pdf"),
                                   (ids[0], png(), "image/png", "身份证复印件.png"),
                                   (ids[2], docx(), "application/vnd.openxmlformats-officedocument."
                                    "wordprocessingml.document", "补正材料.docx")):
        r = c.post(f"/api/v1/requests/{rid}/attachments?kind=other&name={urllib.parse.quote(name)}", raw=data,
                   headers={"Content-Type": ctype})
        assert r.status == 201, r
    voided = c.get(f"/api/v1/requests/{ids[0]}/attachments").json["attachments"][1]
    r = c.post(voided["href"] + "/void", {"reason": "重复上传"})
    assert r.status == 200, r
    return ids


def table_rows(dbname):
    """Every table of the database, row by row, in a stable order, and the sequences."""
    out = {}
    tables = psql("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' "
                  "ORDER BY relname", dbname).split()
    for t in tables:
        out[t] = psql(f"SELECT t::text FROM {t} t ORDER BY t::text", dbname)
    for s in psql("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'S' "
                  "ORDER BY relname", dbname).split():
        out["sequence " + s] = psql(f"SELECT last_value, is_called FROM {s}", dbname)
    out["triggers"] = psql("SELECT tgrelid::regclass::text || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal "
                           "ORDER BY 1", dbname)
    return out


def served(c, body):
    """Everything ogid serves about the data, as JSON-comparable values."""
    out = {"bodies": c.get("/api/v1/bodies").json, "users": c.get("/api/v1/users").json,
           "queue": c.get("/api/v1/queue").json, "calendar 2025": c.get("/api/v1/calendar/2025").json,
           "csv": c.get("/api/v1/requests.csv").body.decode("utf-8-sig")}
    ids, after = [], None
    while True:
        page = c.get("/api/v1/requests?limit=5" + (f"&after={after}" if after else "")).json
        ids += [r["id"] for r in page["requests"]]
        out[f"list after {after}"] = page
        after = page["next_after"]
        if not after:
            break
    for rid in ids:
        r = c.get(f"/api/v1/requests/{rid}")
        out[f"request {rid}"] = (r.header("ETag"), r.json)
        out[f"events {rid}"] = c.get(f"/api/v1/requests/{rid}/events").json
        out[f"deadline {rid}"] = c.get(f"/api/v1/requests/{rid}/deadline").json
        attachments = c.get(f"/api/v1/requests/{rid}/attachments").json
        out[f"attachments {rid}"] = attachments
        for a in attachments["attachments"]:  # every file's bytes hash to what was stored
            data = c.get(a["href"]).body
            assert hashlib.sha256(data).hexdigest() == a["sha256"] and len(data) == a["size"], a
            out[f"attachment {a['id']} sha256"] = hashlib.sha256(data).hexdigest()
    out["search"] = c.get("/api/v1/requests?q=" + urllib.parse.quote("道路维修")).json
    for year in (2024, 2025):  # 2024: nothing received, but carried over into 2025's
        r = c.get(f"/api/v1/reports/annual?year={year}&body_id={body}")
        assert r.status == 200, r
        out[f"report {year}"] = r.json
        for kind in ("csv", "md", "html"):
            out[f"report {year} {kind}"] = c.get(f"/api/v1/reports/annual?year={year}&body_id={body}"
                                                 f"&type={kind}").body
    return out, len(ids)


def assert_same(test, a, b, what):
    test.assertEqual(sorted(a), sorted(b), f"{what}: different parts")
    for key in a:
        test.assertEqual(a[key], b[key], f"{what}: {key} differs")


class BackupRestore(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.body = int(ogictl(cls.dbname, "body", "add", "备份测试街道", "--parent", "1", "--code", "BK01").stdout)
        ogictl(cls.dbname, "user", "add", "bkclerk", "--role", "approver", "--body", str(cls.body),
               "--password-stdin", input=PASSWORD + "\n")
        cls.clerk = cls.ogid.client()
        cls.clerk.login("bkclerk", PASSWORD)
        cls.token = cls.clerk.post("/api/v1/tokens", {"label": "backup test"}).json["token"]
        populate(cls.clerk, cls.body)
        r = cls.admin.put("/api/v1/calendar/days/2025-12-31", {"kind": "holiday", "name": "测试假日"})
        assert r.status == 200, r
        cls.dir = tempfile.mkdtemp(prefix="ogibk-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)
        super().tearDownClass()

    def test_round_trip(self):
        file = os.path.join(self.dir, "ogi.dump")
        # while ogid serves (and is being written to): one consistent snapshot
        r = ogictl(self.dbname, "backup", file)
        self.assertRegex(r.stdout, r"backup written to .*: schema version \d+, 12 requests, \d+ events, 3 attachments \(\d+ bytes\)")
        self.assertEqual(stat.S_IMODE(os.stat(file).st_mode), 0o600)
        self.assertFalse(os.path.exists(file + ".partial"))
        original_rows = table_rows(self.dbname)
        copy = create_database("bkcopy")
        try:
            r = ogictl(copy, "restore", file)
            self.assertIn("12 requests", r.stdout)
            assert_same(self, original_rows, table_rows(copy), "tables")
            # the copy's history is append-only for ogid's role again
            self.assertEqual(psql("SELECT has_table_privilege('ogi_app', 'request_events', 'UPDATE') OR "
                                  "has_table_privilege('ogi_app', 'audit_log', 'DELETE')", copy), "f")
            o = Ogid(copy, env={"OGI_TODAY": TODAY})
            o.start()
            try:
                self.assertIsNone(o.admin_password, "the restored database is not a first start")
                theirs = o.client(token=self.token)  # tokens survive
                mine = self.ogid.client(token=self.token)
                a, n = served(mine, self.body)
                b, _ = served(theirs, self.body)
                self.assertEqual(n, 12)
                self.assertEqual(sum(1 for k in a if k.endswith(" sha256")), 3, "the attachments were compared")
                assert_same(self, a, b, "served")
                # both go on alike: the next tracking number and id are the same, nothing collides
                nxt = {"body_id": self.body, "channel": "online", "received_on": "2025-06-18",
                       "applicant": {"kind": "natural_person", "name": "后来者"}, "description": "恢复后",
                       "form": {"medium": "paper", "delivery": "post"}}
                x, y = mine.post("/api/v1/requests", nxt), theirs.post("/api/v1/requests", nxt)
                self.assertEqual((x.status, y.status), (201, 201))
                self.assertEqual((x.json["id"], x.json["tracking_no"]), (y.json["id"], y.json["tracking_no"]))
                # a restore never goes in under a running ogid …
                for args in (("restore", file), ("restore", "--clean", file)):
                    r = ogictl(copy, *args, check=False)
                    self.assertEqual(r.returncode, 1)
                    self.assertIn("stop it before a restore", r.stderr)
            finally:
                o.stop()
            # … nor into a database that holds ogi's tables, unless told to replace them
            r = ogictl(copy, "restore", file, check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn("already holds ogi's tables", r.stderr)
            # --clean replaces what the database holds (the request added since is gone)
            ogictl(copy, "restore", "--clean", file)
            assert_same(self, original_rows, table_rows(copy), "tables after --clean")
            # what is no backup is refused and changes nothing
            junk = os.path.join(self.dir, "junk.dump")
            with open(junk, "wb") as f:
                f.write(b"PGDMP but not really" * 100)
            r = ogictl(copy, "restore", "--clean", junk, check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn("not a backup", r.stderr)
            assert_same(self, original_rows, table_rows(copy), "tables after a refused restore")
        finally:
            drop_database(copy)


class EmbeddedBackup(unittest.TestCase):
    """ogictl --data-dir backup of a running embedded ogid, restored into a new data
    directory that a second ogid then serves."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ogiebk-", dir="/tmp")  # short: Unix socket paths
        os.makedirs(LOG_DIR, exist_ok=True)
        self.log = open(os.path.join(LOG_DIR, f"embedded-backup-{os.path.basename(self.dir)}.log"), "ab")
        self.procs = []
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "OGI_DATABASE_URL")}
        self.env["OGI_TODAY"] = TODAY

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                p.wait(timeout=60)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def start(self, data):
        p = subprocess.Popen([OGID, "--data-dir", data, "--listen", "127.0.0.1:0", "--threads", "2"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=self.env)
        self.procs.append(p)
        port = password = None
        deadline = time.time() + 120
        while time.time() < deadline:
            line = p.stdout.readline().decode("utf-8", "replace")
            if not line:
                break
            self.log.write(line.encode())
            m = re.search(r"initial administrator: admin / (\S+)", line)
            if m:
                password = m.group(1)
            m = re.search(r"listening on http://[^:]+:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        self.assertIsNotNone(port, "embedded ogid did not start")
        return p, port, password

    def ctl(self, data, *args):
        r = subprocess.run([OGICTL, "--data-dir", data, *args], capture_output=True, text=True, env=self.env)
        self.log.write((r.stdout + r.stderr).encode())
        return r

    def test_embedded_round_trip(self):
        first = os.path.join(self.dir, "a")
        p, port, password = self.start(first)
        admin = Client(port)
        admin.login("admin", password)
        populate(admin, 1)
        file = os.path.join(self.dir, "ogi.dump")
        r = self.ctl(first, "backup", file)  # ogid runs: ogictl uses its cluster
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("12 requests", r.stdout)
        second = os.path.join(self.dir, "b")
        r = self.ctl(second, "restore", file)  # a new data directory: a new cluster
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("12 requests", r.stdout)
        # the key of the search by personal number is no part of a backup (docs/operations.md):
        # the new data directory gets the old one's key file, as the operator copies it
        shutil.copy2(os.path.join(first, "ogi.key"), os.path.join(second, "ogi.key"))
        q, port2, password2 = self.start(second)
        self.assertIsNone(password2, "the restored cluster is not a first start")
        copy = Client(port2)
        copy.login("admin", password)  # the same users, the same password
        a, n = served(admin, 1)
        b, _ = served(copy, 1)
        self.assertEqual(n, 12)
        assert_same(self, a, b, "served")


if __name__ == "__main__":
    main()
