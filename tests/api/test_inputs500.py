"""Inputs that once answered 500 (issue 19 item 3) get a 400 naming the
field and its rule, store nothing, and ogid keeps serving: an empty body
code (a check constraint), an empty court in a litigation's PATCH (POST
refused it), a date far in the future whose derived deadlines ran past year
9999, and invalid UTF-8 in a query parameter or the Idempotency-Key header
(PostgreSQL refuses such bytes)."""
import socket

from ogitest import OgidTestCase, ogictl, psql, main

TODAY = "2025-06-20"


class Inputs(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "甲街道办事处", "--parent", "1", "--code", "JD01").stdout)
        cls.c = {}
        for name, role in (("clerk", "clerk"), ("approver", "approver")):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(cls.street), "--password-stdin",
                   input="a good long password\n")
            cl = cls.ogid.client()
            cl.login(name, "a good long password")
            cls.c[name] = cl

    def sql(self, query):
        return psql(query, self.dbname)

    def new(self, received_on="2025-06-02", headers=None):
        r = self.c["clerk"].post("/api/v1/requests", self.intake(received_on), headers=headers)
        self.assertEqual(r.status, 201, r)
        return r.json

    def intake(self, received_on="2025-06-02"):
        return {"body_id": self.street, "channel": "online", "received_on": received_on,
                "applicant": {"kind": "natural_person", "name": "张三"}, "description": "某项目的审批文件",
                "form": {"medium": "paper", "delivery": "post"}}

    def assertServing(self):
        self.assertEqual(self.ogid.client().get("/healthz").status, 200)
        self.assertIsNone(self.ogid.proc.poll(), "ogid exited")

    def assertRule(self, r, field, code=None, zh=None, en=None):
        """A 400 invalid_input naming field (with code), in both languages."""
        p = self.assertProblem(r, 400, "invalid_input", field=field)
        e = next(e for e in p["errors"] if e["field"] == field)
        if code:
            self.assertEqual(e["code"], code, e)
        if zh:
            self.assertIn(zh, e["message_zh"], e)
        if en:
            self.assertIn(en, e["message_en"], e)
        self.assertServing()
        return e

    # 1. bodies.code: CHECK (code IS NULL OR length(code) BETWEEN 1 AND 64)
    def test_empty_body_code_is_refused(self):
        before = self.sql("SELECT count(*) FROM bodies")
        self.assertRule(self.admin.post("/api/v1/bodies", {"parent_id": 1, "name": "x", "code": ""}),
                        "code", "empty", "不能为空", "must not be empty")
        # the body as given: parent_id missing as well, both named
        r = self.admin.post("/api/v1/bodies", {"name": "x", "code": ""})
        self.assertRule(r, "code", "empty")
        self.assertIn("parent_id", [e["field"] for e in r.json["errors"]])
        self.assertEqual(self.sql("SELECT count(*) FROM bodies"), before, "no body stored")
        self.assertEqual(self.sql("SELECT count(*) FROM bodies WHERE name = 'x'"), "0")
        # no code (absent or null) is still fine
        r = self.admin.post("/api/v1/bodies", {"parent_id": 1, "name": "无代码机关", "code": None})
        self.assertEqual(r.status, 201, r)
        self.assertIsNone(r.json["code"])

    # 2. litigations.court: CHECK (length(court) BETWEEN 1 AND 200); PATCH now keeps POST's rules
    def test_patch_keeps_the_rules_of_post(self):
        cl = self.c["clerk"]
        rid = self.new("2025-05-06")["id"]
        r = self.c["approver"].post(f"/api/v1/requests/{rid}/events",
                                    {"type": "replied", "on": "2025-05-20", "outcome": "disclosed",
                                     "delivered_on": "2025-05-21"})
        self.assertEqual(r.status, 201, r)
        r = cl.post(f"/api/v1/requests/{rid}/litigations",
                    {"filed_on": "2025-06-10", "court": "某区人民法院", "route": "direct"})
        self.assertEqual(r.status, 201, r)
        lit = r.json
        path = f"/api/v1/requests/{rid}/litigations/{lit['id']}"
        self.assertRule(cl.post(f"/api/v1/requests/{rid}/litigations",
                                {"filed_on": "2025-06-10", "court": "", "route": "direct"}), "court", "empty")
        self.assertRule(cl.patch(path, {"court": ""}), "court", "empty", "不能为空", "must not be empty")
        self.assertRule(cl.patch(path, {"court": None}), "court", "required")
        after = cl.get(path)
        self.assertEqual(after.status, 200, after)
        self.assertEqual((after.json["court"], after.json["version"]), ("某区人民法院", lit["version"]),
                         "the litigation is unchanged")
        self.assertEqual(self.sql(f"SELECT court, version FROM litigations WHERE id = {lit['id']}"),
                         f"某区人民法院|{lit['version']}")
        # an instance's court, when given, is a court's name too (null: not recorded)
        ipath = f"{path}/instances/1"
        self.assertRule(cl.patch(ipath, {"court": ""}), "court", "empty")
        self.assertRule(cl.post(f"{path}/instances", {"instance": "second", "filed_on": "2025-06-18", "court": ""}),
                        "court", "empty")
        self.assertEqual(self.sql(f"SELECT count(*) FROM litigation_instances WHERE litigation_id = {lit['id']}"),
                         "1")
        self.assertEqual(self.sql(f"SELECT court FROM litigation_instances WHERE litigation_id = {lit['id']}"),
                         "某区人民法院")
        r = cl.patch(ipath, {"court": None})
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json["instances"][0]["court"])
        # a real change still goes through (before the reconsideration below)
        r = cl.patch(path, {"court": "某市中级人民法院"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["court"], "某市中级人民法院")
        # a reconsideration's authority: the same gap, the same rule
        r = cl.post(f"/api/v1/requests/{rid}/reconsiderations", {"filed_on": "2025-06-03", "authority": "某区人民政府"})
        self.assertEqual(r.status, 201, r)
        rc = r.json
        rpath = f"/api/v1/requests/{rid}/reconsiderations/{rc['id']}"
        self.assertRule(cl.patch(rpath, {"authority": ""}), "authority", "empty")
        self.assertEqual(self.sql(f"SELECT authority, version FROM reconsiderations WHERE id = {rc['id']}"),
                         f"某区人民政府|{rc['version']}")

    # 3. dates: every one given is in 1990–2100, so no deadline derived from it passes year 9999
    def test_dates_outside_1990_to_2100_are_refused(self):
        rid = self.new()["id"]
        events = lambda: self.sql(f"SELECT count(*) FROM request_events WHERE request_id = {rid}")
        before = events()
        ap = self.c["approver"]
        for due in ("9999-12-31", "2101-01-01"):
            self.assertRule(ap.post(f"/api/v1/requests/{rid}/events",
                                    {"type": "delay_set", "on": "2025-06-10", "due_on": due, "reason": "数量较大"}),
                            "due_on", "range", "年份须在 1990 至 2100 之间", "year must be between 1990 and 2100")
        self.assertEqual(events(), before, "no event stored")
        self.assertEqual(self.sql(f"SELECT count(*) FROM request_events WHERE type = 'delay_set'"), "0")
        # the extension that followed such a delay answered 500; it is recorded now
        r = ap.post(f"/api/v1/requests/{rid}/events",
                    {"type": "extension_approved", "on": "2025-06-11", "working_days": 20, "approver": "李主任",
                     "reason": "需要调取档案"})
        self.assertEqual(r.status, 201, r)
        # the last day allowed: a delay to 2100-12-31, then 20 working days more, dated rightly
        other = self.new()["id"]
        r = ap.post(f"/api/v1/requests/{other}/events",
                    {"type": "delay_set", "on": "2025-06-12", "due_on": "2100-12-31", "reason": "数量较大"})
        self.assertEqual((r.status, r.json["due_on"]), (201, "2100-12-31"), r)
        r = ap.post(f"/api/v1/requests/{other}/events",
                    {"type": "extension_approved", "on": "2025-06-13", "working_days": 20, "approver": "李主任",
                     "reason": "需要调取档案"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["due_on"], "2101-01-28", r.json)  # weekdays only: no calendar of 2101
        self.assertServing()
        # other date inputs: the body, a remedy, a query parameter
        self.assertRule(self.c["clerk"].post("/api/v1/requests", self.intake("1989-12-31")), "received_on", "range")
        self.assertRule(self.c["clerk"].get("/api/v1/requests?received_to=9999-12-31"), "received_to", "range")
        self.assertRule(self.c["clerk"].get("/api/v1/requests?due_before=0001-01-01"), "due_before", "range")
        self.assertRule(self.c["clerk"].post(f"/api/v1/requests/{rid}/reconsiderations",
                                             {"filed_on": "9999-12-31", "authority": "某区人民政府"}), "filed_on", "range")

    # 4. invalid UTF-8 in a query parameter (any of them, on any route)
    def test_invalid_utf8_in_the_query_is_refused(self):
        cl = self.c["clerk"]
        for path in ("/api/v1/requests", "/api/v1/requests.csv", "/api/v1/queue"):
            for bad in ("%FF", "%C0%AF", "%ED%A0%80", "%E5%AD", "%F4%90%80%80", "%E5%AD%97%FF"):
                self.assertRule(cl.get(f"{path}?q={bad}"), "q", "utf8", "不是有效的 UTF-8 文本", "not valid UTF-8")
            r = cl.get(f"{path}?q=%E5%BC%A0")  # 张: valid
            self.assertEqual(r.status, 200, r)
        self.assertRule(cl.get("/api/v1/requests?status=registered&q=ok&received_from=%FF"), "received_from", "utf8")
        self.assertRule(self.admin.get("/api/v1/audit?actor=%FF"), "actor", "utf8")
        e = self.assertRule(cl.get("/api/v1/requests?%FF=1"), "?", "utf8")
        self.assertIn("name", e["message_en"])
        # raw bytes, not percent-encoded, as well
        s = socket.create_connection(("127.0.0.1", self.ogid.port), timeout=10)
        s.sendall(b"GET /api/v1/queue?q=\xff\xfe HTTP/1.1\r\nHost: x\r\nCookie: ogi_session=" +
                  cl.cookie.encode() + b"\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        s.close()
        self.assertTrue(data.startswith(b"HTTP/1.1 400"), data[:200])
        self.assertIn(b'"field":"q"', data)
        # the path too
        self.assertRule(cl.get("/api/v1/requests/%FF"), "path", "utf8")
        self.assertServing()

    # 5. the Idempotency-Key header: 1–200 printable ASCII characters
    def test_invalid_idempotency_key_is_refused(self):
        count = lambda: (self.sql("SELECT count(*) FROM requests"), self.sql("SELECT count(*) FROM idempotency_keys"))
        before = count()
        for key in (b"\xff\xfe", "键".encode(), b"k\xc0\xafk", b"a\x01b", b"x" * 201):
            self.assertRule(self.c["clerk"].post("/api/v1/requests", self.intake(), headers={"Idempotency-Key": key}),
                            "Idempotency-Key")
        e = self.assertRule(self.c["clerk"].post("/api/v1/requests", self.intake(),
                                                 headers={"Idempotency-Key": b"\xff"}), "Idempotency-Key", "format")
        self.assertIn("ASCII", e["message_en"])
        self.assertEqual(count(), before, "nothing stored")
        # a UUID (what the web client sends) still works, once
        key = "0f8fad5b-d9cb-469f-a165-70867728950e"
        a = self.new(headers={"Idempotency-Key": key})
        b = self.c["clerk"].post("/api/v1/requests", self.intake(), headers={"Idempotency-Key": key})
        self.assertEqual((b.status, b.json["id"]), (201, a["id"]), b)
        self.assertServing()


if __name__ == "__main__":
    main()
