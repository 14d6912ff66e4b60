"""ogictl export and import-export (issue 20 item 4, docs/export-format.md): a database built
through the API — two streets under the district, requests in every state with corrections,
extensions, fees, consultations, letters issued, attachments (one voided), a reconsideration
and a litigation, report inputs and a locked year, a calendar change, the audit log — exported
as JSON Lines while ogid serves, imported into a fresh database under another key file, and
served the same: every request, its timeline and deadline explanation, every attachment's
bytes (same sha256), the calendar of every year, the annual report of every year (JSON and
CSV, each body and the subtree), the audit log row for row.  The personal data travels in
plaintext and is sealed again at rest with the target's key; no password hash or token
leaves.  A subtree export stands alone.  A truncated file, another format version, a
duplicated line, a non-empty target: refused with a clear sentence, nothing written. The public
channel's tables travel too (online applications, correction answers, the applicants' files —
a waiting file's bytes beside the file): the applicant's number and 查询码 work in the new ogi
and show the same answers with their files, staff open the same bytes. Every table of the
schema is exported or named in the code's not-exported list (and the documentation): a table
of a later migration in neither makes the export refuse."""
import hashlib
import json
import os
import shutil
import tempfile
import urllib.parse

from ogitest import OGICTL, Ogid, test_key_file, OgidTestCase, conninfo, create_database, drop_database, main, ogictl, psql
from test_backup import populate, served, assert_same
from test_public import resident_id, solve
from test_public_files import png

import subprocess

TODAY = "2025-06-20"
PASSWORD = "a good long password"
ID_NUMBER = "11010519491231002X"
YEARS = (2023, 2024, 2025)


def other_key_file(d):
    path = os.path.join(d, "target.key")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, (os.urandom(32).hex() + "\n").encode())
    os.close(fd)
    return path


def ctl(dbname, key, *args, check=True, input=None):
    r = subprocess.run([OGICTL, "--database", conninfo(dbname), "--key-file", key, *args], capture_output=True,
                       text=True, input=input)
    if check and r.returncode != 0:
        raise AssertionError(f"ogictl {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


def audit_rows(dbname, upto=None):
    where = f"WHERE id <= {upto}" if upto else ""
    return psql("SELECT id, at, actor_id, actor, entity, entity_id, action, old_value, new_value, body_id "
                f"FROM audit_log {where} ORDER BY id", dbname)


def reports(c, bodies, subtree_of):
    out = {}
    for year in YEARS:
        for body in bodies:
            for t in ("json", "csv"):
                r = c.get(f"/api/v1/reports/annual?year={year}&body_id={body}&type={t}")
                assert r.status == 200, r
                out[f"report {year} {body} {t}"] = r.body
        for t in ("json", "csv"):
            r = c.get(f"/api/v1/reports/annual?year={year}&body_id={subtree_of}&subtree=true&type={t}")
            assert r.status == 200, r
            out[f"report {year} subtree {t}"] = r.body
    for year in (2024, 2025, 2026):
        out[f"calendar {year}"] = c.get(f"/api/v1/calendar/{year}").json
    return out


def timelines(c, rids):
    out = {}
    for rid in rids:
        out[f"request {rid}"] = c.get(f"/api/v1/requests/{rid}").json
        out[f"letters {rid}"] = c.get(f"/api/v1/requests/{rid}/letters").json
        for kind in ("reconsiderations", "litigations"):
            out[f"{kind} {rid}"] = c.get(f"/api/v1/requests/{rid}/{kind}").json
        out[f"events {rid}"] = c.get(f"/api/v1/requests/{rid}/events").json
        out[f"deadline {rid}"] = c.get(f"/api/v1/requests/{rid}/deadline").json
        for a in c.get(f"/api/v1/requests/{rid}/attachments").json["attachments"]:
            data = c.get(a["href"]).body
            out[f"attachment {a['id']}"] = (hashlib.sha256(data).hexdigest(), a["sha256"], len(data))
    return out



def without_age(v):
    """A JSON answer without its age_seconds (of an online application: now() less its submission)."""
    if isinstance(v, dict):
        return {k: without_age(x) for k, x in v.items() if k != "age_seconds"}
    if isinstance(v, list):
        return [without_age(x) for x in v]
    return v

class Export(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY, "OGI_POW_BITS": "4"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dir = tempfile.mkdtemp(prefix="ogiexp-")
        cls.district = int(ogictl(cls.dbname, "body", "add", "导出测试区人民政府", "--parent", "1").stdout)
        cls.street = int(ogictl(cls.dbname, "body", "add", "甲街道", "--parent", str(cls.district), "--code",
                                "EXA").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道", "--parent", str(cls.district), "--code",
                               "EXB").stdout)
        for name, body in (("exapprover", cls.street), ("exother", cls.other)):
            ogictl(cls.dbname, "user", "add", name, "--role", "approver", "--body", str(body), "--password-stdin",
                   input=PASSWORD + "\n")
        ogictl(cls.dbname, "user", "add", "exadmin", "--role", "admin", "--body", str(cls.street),
               "--password-stdin", input=PASSWORD + "\n")
        cls.c = cls.ogid.client()
        cls.c.login("exapprover", PASSWORD)
        cls.token = cls.c.post("/api/v1/tokens", {"label": "export test"}).json["token"]
        cls.rids = populate(cls.c, cls.street)
        o = cls.ogid.client()
        o.login("exother", PASSWORD)
        cls.other_rids = populate(o, cls.other)[:4]
        c = cls.c

        def ev(rid, **body):
            r = c.post(f"/api/v1/requests/{rid}/events", body)
            assert r.status == 201, (body, r)

        admin = cls.ogid.client()
        admin.login("exadmin", PASSWORD)
        version = admin.get(f"/api/v1/bodies/{cls.street}").json["version"]
        r = admin.put(f"/api/v1/bodies/{cls.street}", {
            "name": "平湛市导出区甲街道办事处", "code": "EXA", "letter_prefix": "平湛甲办",
            "address": "平湛市导出区甲路1号", "phone": "0759-3333333", "court": "平湛市导出区人民法院",
            "accepts_online": True},
            headers={"If-Match": f'"{version}"'})
        assert r.status == 200, r
        # an earlier year, closed, with a reply letter, a reconsideration and a litigation
        r = c.post("/api/v1/requests", {
            "body_id": cls.street, "channel": "in_person", "received_on": "2024-03-01",
            "applicant": {"kind": "natural_person", "name": "赵六", "id_type": "resident_id_card",
                          "id_number": ID_NUMBER, "phone": "13900000000", "address": "某市某路1号"},
            "description": "2023年本街道拆迁补偿标准", "form": {"medium": "paper", "delivery": "post"}})
        assert r.status == 201, r
        old = r.json["id"]
        r = c.patch(f"/api/v1/requests/{old}", {"reason": "电话录错", "applicant": {"phone": "13900000001"}},
                    headers={"If-Match": f'"{r.json["version"]}"'})
        assert r.status == 200, r
        ev(old, type="replied", on="2024-03-20", outcome="disclosed", delivered_on="2024-03-21")
        r = c.post(f"/api/v1/requests/{old}/letters", {"kind": "reply", "facts": {"provided": "补偿标准（共3页）"}})
        assert r.status == 201, r
        lid = r.json["id"]
        r = c.post(f"/api/v1/requests/{old}/letters/{lid}/issue")
        assert r.status == 200, r
        r = c.post(f"/api/v1/requests/{old}/letters/{lid}/deliveries", {"method": "post", "sent_on": "2025-06-20",
                                                                          "post_tracking_no": "XA123456789CN"})
        assert r.status == 201, r
        r = c.post(f"/api/v1/requests/{old}/reconsiderations",
                   {"filed_on": "2024-05-20", "authority": "某区人民政府", "case_no": "区府复〔2024〕12号"})
        assert r.status == 201, r
        r = c.post(f"/api/v1/requests/{cls.rids[0]}/litigations",
                   {"filed_on": "2025-05-25", "court": "某区人民法院", "case_no": "(2025)某0101行初8号",
                    "route": "direct"})
        assert r.status == 201, r
        ev(cls.rids[5], type="fee_paid", on="2025-05-20")
        cls.rids.append(old)
        # the report of 2024: inputs, then locked
        r = admin.put(f"/api/v1/reports/annual/2024/{cls.street}/inputs",
                      {"proactive": {"administrative_fees": {"amount": 12.34}}})
        assert r.status == 200, r
        r = admin.post(f"/api/v1/reports/annual/2024/{cls.street}/lock")
        assert r.status == 201, r
        r = cls.admin.put("/api/v1/calendar/days/2025-12-31", {"kind": "holiday", "name": "测试假日"})
        assert r.status == 200, r
        cls.online = cls.populate_online()
        cls.file = os.path.join(cls.dir, "ogi.jsonl")
        r = ogictl(cls.dbname, "export", "--body", "1", "--subtree", "--output", cls.file)
        assert "exported" in r.stdout, r
        cls.export_stderr = r.stderr

    @classmethod
    def populate_online(cls):
        """The public channel's tables: an application waiting with its identity copy (bytes
        still in online_files), one declined (its copy's bytes dropped), one confirmed whose copy
        became an attachment, and on its request a correction answered twice online — the first
        returned (its file's bytes dropped), the second waiting with its file."""
        ogictl(cls.dbname, "user", "add", "exclerk", "--role", "clerk", "--body", str(cls.street),
               "--password-stdin", input=PASSWORD + "\n")
        clerk = cls.ogid.client()
        clerk.login("exclerk", PASSWORD)
        out = {}

        def submit(i):
            pub = cls.ogid.client(source=f"127.0.20.{i}")
            ch = pub.get("/api/v1/public/challenge").json
            r = pub.post("/api/v1/public/applications", {
                "body_id": cls.street, "declaration": True,
                "applicant": {"kind": "natural_person", "name": f"网上申请人{i}", "id_type": "resident_id_card",
                              "id_number": resident_id(600 + i), "phone": f"1370000000{i}"},
                "information": {"description": f"第{i}份网上申请：2024年街道预算"},
                "form": {"medium": "electronic", "delivery": "online"},
                "pow": {"challenge": ch["challenge"], "nonce": solve(ch["challenge"], ch["bits"])}})
            assert r.status == 201, r
            number, code = r.json["number"], r.json["code"]
            return pub, number, code

        def send(pub, number, code, data, name, purpose=None):
            q = urllib.parse.urlencode({"number": number, "name": name, **({"for": purpose} if purpose else {})})
            r = pub.post(f"/api/v1/public/files?{q}", raw=data, headers={"Content-Type": "image/png",
                                                                         "X-Query-Code": code})
            assert r.status == 201, r

        def online_id(number):
            for state in ("pending", "confirmed", "declined"):
                for i in clerk.get(f"/api/v1/online-applications?state={state}").json["items"]:
                    if i["number"] == number:
                        return i["id"]
            raise AssertionError(number)

        waiting = submit(1)
        send(*waiting, png(3, 3), "身份证.png")
        declined = submit(2)
        send(*declined, png(4, 3), "身份证.png")
        r = clerk.post(f"/api/v1/online-applications/{online_id(declined[1])}/decline", {"reason": "重复提交"})
        assert r.status == 200, r
        confirmed = submit(3)
        send(*confirmed, png(5, 3), "身份证正面.png")
        r = clerk.post(f"/api/v1/online-applications/{online_id(confirmed[1])}/confirm")
        assert r.status == 201, r
        rid = r.json["id"]
        cls.rids.append(rid)
        r = clerk.post(f"/api/v1/requests/{rid}/events", {"type": "correction_requested", "on": TODAY,
                                                           "items": "请写明预算科目", "correction_due": "2025-07-05"})
        assert r.status == 201, r
        pub, number, code = confirmed
        r = pub.post("/api/v1/public/correction", {"number": number, "code": code, "text": "第一次补正"})
        assert r.status == 201, r
        send(pub, number, code, png(6, 3), "科目.png", "correction")
        r = clerk.post(f"/api/v1/online-corrections/{r.json['id']}/reject", {"reason": "看不清"})
        assert r.status == 200, r
        r = pub.post("/api/v1/public/correction", {"number": number, "code": code, "text": "第二次补正"})
        assert r.status == 201, r
        send(pub, number, code, png(7, 3), "科目清晰版.png", "correction")
        out["waiting"], out["confirmed"], out["declined"], out["request"] = waiting, confirmed, declined, rid
        return out

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)
        super().tearDownClass()

    def lines(self, path=None):
        with open(path or self.file, encoding="utf-8") as f:
            return [json.loads(line) for line in f]

    def test_format(self):
        lines = self.lines()
        head, end = lines[0], lines[-1]
        self.assertEqual((head["type"], head["format"], head["version"]), ("header", "ogi-export", 1))
        self.assertTrue(head["whole_database"])
        self.assertEqual(head["personal_data"], "plaintext")
        self.assertEqual(end["type"], "end")
        self.assertEqual(end["lines"], len(lines) - 2)
        types = {}
        for line in lines[1:-1]:
            types[line["type"]] = types.get(line["type"], 0) + 1
        self.assertEqual(types, {k: v for k, v in end["rows"].items() if v})
        for t in ("bodies", "users", "requests", "request_events", "letters", "attachments", "reconsiderations",
                  "litigations", "litigation_instances", "letter_deliveries", "user_roles", "tracking_counters",
                  "report_inputs", "report_locks", "calendar_days", "calendar_years", "audit_log", "fee_notices"):
            self.assertGreater(types.get(t, 0), 0, t)
        with open(self.file, encoding="utf-8") as f:
            text = f.read()
        self.assertIn(ID_NUMBER, text, "the office's own data, in plaintext")
        self.assertNotIn("ogi1:", text, "nothing sealed under the source's key")
        self.assertNotIn("password_hash", text)
        self.assertNotIn("token_hash", text)
        self.assertNotIn(self.token, text)
        # the attachments' bytes beside the file, named by their sha256
        for a in (x["row"] for x in lines if x["type"] == "attachments"):
            with open(os.path.join(self.file + ".files", a["sha256"]), "rb") as f:
                data = f.read()
            self.assertEqual((hashlib.sha256(data).hexdigest(), len(data)), (a["sha256"], a["size"]))
        # the applicants' files: a waiting one's bytes beside the file like an attachment's, a decided
        # one's gone (never a data column in the row)
        files = [x["row"] for x in lines if x["type"] == "online_files"]
        self.assertEqual(len(files), 5)
        self.assertTrue(all("data" not in f for f in files))
        beside = sorted((f["name"], f["correction_id"] is not None) for f in files if f["data_in_files"])
        self.assertEqual(beside, [("科目清晰版.png", True), ("身份证.png", False)])
        for f in (f for f in files if f["data_in_files"]):
            with open(os.path.join(self.file + ".files", f["sha256"]), "rb") as fh:
                data = fh.read()
            self.assertEqual((hashlib.sha256(data).hexdigest(), len(data)), (f["sha256"], f["size"]))
        self.assertEqual(types.get("online_corrections"), 2)
        self.assertEqual(types.get("online_applications"), 3)
        self.assertIn("reminder_digests", head["not_exported"])
        self.assertIn("calendar_feeds", head["not_exported"])
        self.assertEqual(os.stat(self.file).st_mode & 0o077, 0, "personal data: the owner's only")
        # progress on stderr, a line a table with its rows
        self.assertIn(f"request_events: {types['request_events']} rows", self.export_stderr)
        self.assertIn(f"of {len(end['rows'])} tables", self.export_stderr)

    def test_every_table_exported_or_named(self):
        """Every table of the migrated schema is either exported or in the code's list of tables
        not exported, and the documentation names each: a later migration's table cannot fall out
        of the export unnoticed — and an export of a schema with a table in neither list refuses."""
        tables = set(psql("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')", self.dbname).split("\n"))
        lines = self.lines()
        exported, skipped = set(lines[-1]["rows"]), set(lines[0]["not_exported"])
        self.assertGreater(len(tables), 40)
        self.assertEqual(exported & skipped, set())
        self.assertEqual(tables - exported - skipped, set(), "neither exported nor named as not exported")
        self.assertEqual((exported | skipped) - tables, set(), "a name of no table")
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "export-format.md"),
                  encoding="utf-8") as f:
            doc = f.read()
        rows_part, _, rest = doc.partition("### Not exported")
        not_part = rest.partition("\n### ")[0]
        self.assertTrue(not_part, "the documentation's section Not exported")
        for t in exported:
            self.assertIn(f"`{t}`", rows_part, t)
        for t in skipped:
            self.assertIn(f"`{t}`", not_part, t)
        # a table nobody placed: the export refuses it by name, and writes nothing
        db = create_database("expnewtable")
        try:
            ogictl(db, "migrate")
            psql("CREATE TABLE later_feature (id bigserial PRIMARY KEY)", db)
            path = os.path.join(self.dir, "refused.jsonl")
            r = ctl(db, test_key_file(), "export", "--body", "1", "--subtree", "--output", path, check=False)
            self.assertEqual(r.returncode, 1, r.stdout)
            self.assertIn("later_feature", r.stderr)
            self.assertIn("neither exported nor listed as not exported", r.stderr)
            self.assertFalse(os.path.exists(path))
        finally:
            drop_database(db)

    ONLINE_ROWS = (
        "SELECT id, online_id, body_id, name, content_type, size, sha256, md5(data), received_at, attachment_id, "
        "correction_id FROM online_files ORDER BY id",
        "SELECT id, online_id, body_id, request_id, text, received_at, received_on, state, handled_by, handled_at, "
        "reject_reason, event_id FROM online_corrections ORDER BY id",
        "SELECT to_jsonb(o) - '{applicant_id_number,applicant_phone,applicant_email,applicant_address,"
        "applicant_contact,pii_key}'::text[] FROM online_applications o ORDER BY id",
    )

    def test_round_trip(self):
        key = other_key_file(tempfile.mkdtemp(dir=self.dir))
        target = create_database("exptarget")
        try:
            ctl(target, key, "migrate")
            r = ctl(target, key, "import-export", self.file)
            self.assertIn("imported", r.stdout)
            n = int(psql("SELECT max(id) FROM audit_log", self.dbname))
            self.assertEqual(audit_rows(target), audit_rows(self.dbname, n), "the audit log, row for row")
            # sealed again at rest under the target's key, the source's key opens nothing there
            sealed = psql("SELECT count(*) FILTER (WHERE applicant_id_number LIKE 'ogi1:%'), "
                          "count(applicant_id_number) FROM requests", target).split("|")
            self.assertEqual(sealed[0], sealed[1])
            self.assertGreater(int(sealed[0]), 0)
            self.assertEqual(psql("SELECT count(*) FROM users WHERE password_hash IS NOT NULL", target), "0")
            # a second import is refused: the target holds data now
            r = ctl(target, key, "import-export", self.file, check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn("not empty", r.stderr)
            # the administrators set passwords again (no hash left the source)
            ctl(target, key, "user", "passwd", "admin", "--password-stdin", input=PASSWORD + "\n")
            ctl(target, key, "user", "passwd", "exapprover", "--password-stdin", input=PASSWORD + "\n")
            ctl(target, key, "user", "passwd", "exclerk", "--password-stdin", input=PASSWORD + "\n")
            for q in self.ONLINE_ROWS:
                self.assertEqual(psql(q, target), psql(q, self.dbname), q)
            self.assertEqual(psql("SELECT count(*) FROM online_files WHERE data IS NOT NULL", target), "2")
            o = Ogid(target, env={"OGI_TODAY": TODAY}, args=["--key-file", key])
            o.start()
            try:
                self.assertIsNone(o.admin_password, "not a first start")
                mine, theirs = self.ogid.client(), o.client()
                mine.login("exapprover", PASSWORD)
                theirs.login("exapprover", PASSWORD)
                a, na = served(mine, self.street)
                b, nb = served(theirs, self.street)
                self.assertEqual(na, nb)
                a.pop("users"), b.pop("users")  # the password's audit and sessions differ
                for q in (a["queue"], b["queue"]):  # the age of the oldest online item: now's
                    for band in ("online_pending", "online_corrections_pending"):
                        q[band].pop("oldest_age_seconds", None)
                assert_same(self, a, b, "served")
                src_admin = self.ogid.client()
                src_admin.login("admin", self.ogid.admin_password)
                dst_admin = o.client()
                dst_admin.login("admin", PASSWORD)
                bodies = (self.district, self.street, self.other)
                assert_same(self, reports(src_admin, bodies, self.district), reports(dst_admin, bodies, self.district),
                            "reports")
                rids = self.rids + self.other_rids
                t1, t2 = timelines(src_admin, rids), timelines(dst_admin, rids)
                self.assertGreaterEqual(sum(1 for k in t1 if k.startswith("attachment")), 6)
                for k, v in t1.items():
                    if k.startswith("attachment"):
                        self.assertEqual(v[0], v[1])
                assert_same(self, t1, t2, "timelines")
                # the public channel goes on: the applicant's number and 查询码 work there, the
                # answers with their files the same; staff open the waiting files, same bytes
                _, number, code = self.online["confirmed"]
                x = self.ogid.client().post("/api/v1/public/status", {"number": number, "code": code})
                y = o.client().post("/api/v1/public/status", {"number": number, "code": code})
                self.assertEqual((x.status, y.status), (200, 200), y)
                self.assertEqual(x.json, y.json)
                self.assertEqual([(a["state"], [f["name"] for f in a["files"]]) for a in y.json["correction_answers"]],
                                 [("rejected", ["科目.png"]), ("pending", ["科目清晰版.png"])])
                src_clerk, dst_clerk = self.ogid.client(), o.client()
                src_clerk.login("exclerk", PASSWORD)
                dst_clerk.login("exclerk", PASSWORD)
                for path in (f"/api/v1/online-corrections?request_id={self.online['request']}",
                             "/api/v1/online-applications?state=pending",
                             "/api/v1/online-applications?state=declined"):
                    # age_seconds is counted from now(): the two answers are read a moment apart
                    self.assertEqual(without_age(src_clerk.get(path).json),
                                     without_age(dst_clerk.get(path).json), path)
                answer = dst_clerk.get(f"/api/v1/online-corrections?request_id={self.online['request']}").json["items"][0]
                pending = dst_clerk.get("/api/v1/online-applications?state=pending").json["items"][0]
                for oid, f, data in ((answer["online_id"], answer["files"][0], png(7, 3)),
                                     (pending["id"], pending["files"][0], png(3, 3))):
                    got = dst_clerk.get(f"/api/v1/online-applications/{oid}/files/{f['id']}")
                    self.assertEqual((got.status, got.body), (200, data))
                # the searches by number work with the target's key
                q = urllib.parse.quote(ID_NUMBER)
                self.assertEqual(mine.get(f"/api/v1/requests?q={q}").json["requests"],
                                 theirs.get(f"/api/v1/requests?q={q}").json["requests"])
                # both go on alike: the next tracking number and id
                nxt = {"body_id": self.street, "channel": "online", "received_on": "2025-06-18",
                       "applicant": {"kind": "natural_person", "name": "后来者"}, "description": "导入后",
                       "form": {"medium": "paper", "delivery": "post"}}
                y = theirs.post("/api/v1/requests", nxt)
                self.assertEqual(y.status, 201, y)
                self.assertEqual(y.json["id"], int(psql("SELECT max(id) FROM requests", self.dbname)) + 1)
            finally:
                o.stop()
        finally:
            drop_database(target)

    def test_subtree(self):
        path = os.path.join(self.dir, "street.jsonl")
        r = ogictl(self.dbname, "export", "--body", str(self.street), "--output", path)
        self.assertIn("exported 1 bodies", r.stdout)
        lines = self.lines(path)
        self.assertFalse(lines[0]["whole_database"])
        bodies = [x["row"] for x in lines if x["type"] == "bodies"]
        self.assertEqual([(b["id"], b["parent_id"]) for b in bodies], [(self.street, None)])
        self.assertEqual({x["row"]["body_id"] for x in lines if x["type"] == "requests"}, {self.street})
        self.assertNotIn("exother", {x["row"]["username"] for x in lines if x["type"] == "users"})
        key = other_key_file(tempfile.mkdtemp(dir=self.dir))
        target = create_database("expsub")
        try:
            ctl(target, key, "migrate")
            ctl(target, key, "import-export", path)
            ctl(target, key, "user", "passwd", "exadmin", "--password-stdin", input=PASSWORD + "\n")
            o = Ogid(target, env={"OGI_TODAY": TODAY}, args=["--key-file", key])
            o.start()
            try:
                mine, theirs = self.ogid.client(), o.client()
                mine.login("exadmin", PASSWORD)
                theirs.login("exadmin", PASSWORD)
                for year in YEARS:
                    for t in ("json", "csv"):
                        q = f"/api/v1/reports/annual?year={year}&body_id={self.street}&type={t}"
                        x, y = mine.get(q), theirs.get(q)
                        self.assertEqual((x.status, y.status), (200, 200))
                        if t == "csv":
                            self.assertEqual(x.body, y.body, (year, t))
                        else:  # the body's place in the tree is not the report's content
                            self.assertEqual(x.json.get("sections", x.json), y.json.get("sections", y.json))
                a, b = timelines(mine, self.rids), timelines(theirs, self.rids)
                assert_same(self, a, b, "subtree timelines")
            finally:
                o.stop()
        finally:
            drop_database(target)

    def refused(self, text, why, files=True):
        bad = os.path.join(tempfile.mkdtemp(dir=self.dir), "bad.jsonl")
        with open(bad, "w", encoding="utf-8") as f:
            f.write(text)
        if files:
            os.symlink(self.file + ".files", bad + ".files")
        key = other_key_file(os.path.dirname(bad))
        target = create_database("expbad")
        try:
            ctl(target, key, "migrate")
            before = psql("SELECT (SELECT count(*) FROM bodies), (SELECT count(*) FROM calendar_days), "
                          "(SELECT count(*) FROM attachment_chunks)", target)
            r = ctl(target, key, "import-export", bad, check=False)
            self.assertEqual(r.returncode, 1, r.stdout)
            self.assertIn("nothing was imported", r.stderr)
            self.assertIn(why, r.stderr)
            self.assertEqual(psql("SELECT (SELECT count(*) FROM bodies), (SELECT count(*) FROM calendar_days), "
                                  "(SELECT count(*) FROM attachment_chunks)", target), before)
        finally:
            drop_database(target)
        return r.stderr

    def test_bad_files(self):
        with open(self.file, encoding="utf-8") as f:
            lines = f.readlines()
        self.refused("".join(lines[:-1]), "truncated")  # no end line
        self.refused("".join(lines[:-5]) + lines[-1], "truncated or changed")  # lines missing
        self.refused("".join(lines[:40]) + lines[40][:30], "truncated")  # cut in a line
        self.refused("", "empty")
        head = json.loads(lines[0])
        head["version"] = 2
        self.refused(json.dumps(head) + "\n" + "".join(lines[1:]), "format version 2")
        self.refused("{\"a\": 1}\n", "not the header")
        req = next(i for i, line in enumerate(lines) if json.loads(line)["type"] == "requests")
        dup = lines[:req + 1] + [lines[req]] + lines[req + 1:]
        end = json.loads(dup[-1])
        end["lines"] += 1
        dup[-1] = json.dumps(end) + "\n"
        err = self.refused("".join(dup), "duplicate key")
        self.assertIn("requests", err)
        self.refused("".join(lines), "cannot read", files=False)  # the attachments' files missing


if __name__ == "__main__":
    main()
