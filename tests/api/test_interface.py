"""The contract as a newcomer reads it against behaviour (issue 18): who reads an identity
number whole (docs/personal-data.md), times in RFC 3339 everywhere, enums listed in full in
the spec and in the errors, the Request schema naming every field a response carries, an
If-Match of "0" stale like any other, the README's ogictl, field messages in plain words,
people by their names, and downloads named after what they are (RFC 6266)."""
import os
import re
import urllib.parse

import oapi
from ogitest import SOURCE, OgidTestCase, main, ogictl

TODAY = "2026-12-03"
RFC3339_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$")
PASSWORD = "a good long password"
ID = "11010519491231002X"
MASKED = "110***********002X"


class Interface(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.spec = oapi.Spec(oapi.load(os.path.join(SOURCE, "api", "openapi.yaml")))
        cls.street = int(ogictl(cls.dbname, "body", "add", "某街道办事处", "--parent", "1", "--code", "JD01").stdout)
        cls.c = {}
        for name, role, display in (("clerk", "clerk", "王小明"), ("handler", "handler", None),
                                    ("approver", "approver", None), ("auditor", "auditor", None),
                                    ("streetadmin", "admin", "李主任")):
            args = ["user", "add", name, "--role", role, "--body", str(cls.street), "--password-stdin"]
            if display:
                args += ["--display-name", display]
            ogictl(cls.dbname, *args, input=PASSWORD + "\n")
            cl = cls.ogid.client()
            cl.login(name, PASSWORD)
            cls.c[name] = cl

    def intake(self, **over):
        body = {"body_id": self.street, "channel": "in_person", "received_on": "2026-11-10",
                "applicant": {"kind": "natural_person", "name": "张三", "id_type": "resident_id_card",
                              "id_number": ID, "contact": "工作日下午"},
                "description": "2026年老旧小区改造的招标文件"}
        body.update(over)
        r = self.c["clerk"].post("/api/v1/requests", body)
        self.assertEqual(r.status, 201, r)
        return r

    def schema(self, name):
        return self.spec.doc["components"]["schemas"][name]

    def test_23_identity_number_whole_at_intake_and_to_admins_only(self):
        r = self.intake().json
        rid = r["id"]
        self.assertEqual((r["applicant"]["id_number"], r["applicant"]["id_number_masked"]), (ID, False),
                         "the intake's answer gives the clerk what was typed, to check against the document")
        for who in ("clerk", "handler", "approver", "auditor"):
            a = self.c[who].get(f"/api/v1/requests/{rid}").json["applicant"]
            self.assertEqual((a["id_number"], a["id_number_masked"]), (MASKED, True), who)
            listed = [x for x in self.c[who].get("/api/v1/requests").json["requests"] if x["id"] == rid][0]
            self.assertEqual(listed["applicant"]["id_number"], MASKED, f"{who}: the list")
            queued = [x for b in ("overdue", "due_soon", "later") for x in self.c[who].get("/api/v1/queue").json[b]
                      if x["id"] == rid][0]
            self.assertEqual(queued["applicant"]["id_number"], MASKED, f"{who}: the queue")
        after = self.c["clerk"].post(f"/api/v1/requests/{rid}/events", {"type": "note", "on": TODAY, "text": "来电"})
        self.assertEqual(after.json["applicant"]["id_number"], MASKED, "the answer to an event")
        for admin in (self.c["streetadmin"], self.admin):
            a = admin.get(f"/api/v1/requests/{rid}").json["applicant"]
            self.assertEqual((a["id_number"], a["id_number_masked"]), (ID, False), "an administrator of its body")
        # the decision is written down where the spec points
        with open(os.path.join(SOURCE, "docs", "personal-data.md"), encoding="utf-8") as f:
            self.assertIn("The front desk checks identity at intake", f.read())
        desc = self.schema("Request")["properties"]["applicant"]["properties"]["id_number"]["description"]
        self.assertIn("docs/personal-data.md", desc)

    def test_24_times_in_rfc3339_to_the_millisecond(self):
        rid = self.intake().json["id"]
        times = [("request created_at", self.c["clerk"].get(f"/api/v1/requests/{rid}").json["created_at"])]
        ev = self.c["clerk"].get(f"/api/v1/requests/{rid}/events").json["events"][0]
        times.append(("event recorded_at", ev["recorded_at"]))
        tok = self.c["clerk"].post("/api/v1/tokens", {"label": "时间测试"}).json
        times.append(("token created_at", tok["created_at"]))
        sess = self.c["clerk"].get("/api/v1/sessions").json["sessions"][0]
        times += [(f"session {k}", sess[k]) for k in ("created_at", "last_seen", "expires_at")]
        times += [("audit at", e["at"]) for e in self.admin.get("/api/v1/audit?limit=5").json["entries"]]
        self.c["clerk"].post(f"/api/v1/requests/{rid}/events", {"type": "replied", "on": "2026-12-01",
                                                               "outcome": "disclosed"})
        rc = self.c["clerk"].post(f"/api/v1/requests/{rid}/reconsiderations",
                                  {"filed_on": TODAY, "authority": "某区人民政府"})
        self.assertEqual(rc.status, 201, rc)
        times.append(("reconsideration created_at", rc.json["created_at"]))
        history = self.c["clerk"].get(f"/api/v1/requests/{rid}/reconsiderations/{rc.json['id']}").json["history"]
        times.append(("history at", history[0]["at"]))
        lock = self.admin.post(f"/api/v1/reports/annual/2025/{self.street}/lock", {})
        self.assertEqual(lock.status, 201, lock)
        times.append(("lock locked_at", lock.json["locked_at"]))
        for what, at in times:
            self.assertRegex(at, RFC3339_MS, what)
        # ogictl audit prints the same
        line = ogictl(self.dbname, "audit", "--limit", "1").stdout.splitlines()[1]
        self.assertRegex(line.split("\t")[1], RFC3339_MS, "ogictl audit")

    def test_25_enums_listed_in_full_in_the_spec_and_the_errors(self):
        rid = self.intake().json["id"]
        event = self.schema("Event")["properties"]
        for field, body in (("outcome", {"outcome": "bogus"}),
                            ("delivery_method", {"outcome": "disclosed", "delivery_method": "邮寄"})):
            r = self.c["handler"].post(f"/api/v1/requests/{rid}/events", {"type": "replied", "on": TODAY, **body})
            e = [x for x in self.assertProblem(r, 400, "invalid_input", field=field)["errors"] if x["field"] == field][0]
            allowed = e["message_en"].removeprefix("must be one of: ").split(", ")
            self.assertEqual(allowed, event[field]["enum"], f"{field}: the error and the spec list the same values")
            self.assertEqual(e["message_zh"], "请从以下选项中选择：" + ", ".join(allowed))
        self.assertEqual(len(event["outcome"]["enum"]), 25, "every outcome, not the first eight")
        self.assertEqual(event["delivery_method"]["enum"], ["pickup", "post", "email", "online"])
        # the intake's enums, each as its error lists it
        intake = self.schema("Intake")["properties"]
        for path, spec_enum in (("channel", intake["channel"]["enum"]),
                                ("applicant.kind", intake["applicant"]["properties"]["kind"]["enum"]),
                                ("applicant.id_type", intake["applicant"]["properties"]["id_type"]["enum"]),
                                ("form.medium", intake["form"]["properties"]["medium"]["enum"]),
                                ("form.delivery", intake["form"]["properties"]["delivery"]["enum"])):
            body = {"body_id": self.street, "channel": "in_person", "received_on": TODAY,
                    "applicant": {"kind": "natural_person", "name": "李四", "id_type": "passport", "id_number": "E1234567"},
                    "description": "某文件", "form": {"medium": "paper", "delivery": "post"}}
            top, _, leaf = path.rpartition(".")
            (body[top] if top else body)[leaf] = "bogus"
            e = [x for x in self.assertProblem(self.c["clerk"].post("/api/v1/requests", body), 400,
                                               field=path)["errors"] if x["field"] == path][0]
            self.assertEqual(e["message_en"].removeprefix("must be one of: ").split(", "), spec_enum, path)

    def test_26_the_request_schema_names_every_field(self):
        req = self.intake().json
        props = self.schema("Request")["properties"]
        self.assertEqual(set(req), set(props), "the Request schema and a request's members")
        for name in ("paused", "pause_since", "created_at"):
            self.assertIn(name, props)
        self.assertEqual(props["created_at"].get("format"), "date-time")
        self.assertEqual(set(req["applicant"]), set(props["applicant"]["properties"]))
        self.assertEqual(req["applicant"]["contact"], "工作日下午", "contact is kept and given back")
        self.assertEqual(self.spec.check(req, self.schema("Request")), [], "and fits it")

    def test_26_if_match_zero_is_stale_like_any_old_version(self):
        rid = self.intake().json["id"]
        r = self.c["clerk"].post(f"/api/v1/requests/{rid}/events", {"type": "note", "on": TODAY, "text": "x"},
                                 headers={"If-Match": '"0"'})
        self.assertProblem(r, 412, "precondition_failed")
        self.assertEqual(len(self.c["clerk"].get(f"/api/v1/requests/{rid}/events").json["events"]), 1,
                         "nothing recorded")
        self.c["clerk"].post(f"/api/v1/requests/{rid}/events", {"type": "replied", "on": "2026-12-01",
                                                               "outcome": "disclosed"})
        rc = self.c["clerk"].post(f"/api/v1/requests/{rid}/reconsiderations",
                                  {"filed_on": TODAY, "authority": "某区人民政府"}).json
        r = self.c["clerk"].patch(f"/api/v1/requests/{rid}/reconsiderations/{rc['id']}", {"case_no": "复〔2026〕1号"},
                                  headers={"If-Match": 'W/"0"'})
        self.assertProblem(r, 412, "precondition_failed")
        r = self.c["clerk"].patch(f"/api/v1/requests/{rid}/reconsiderations/{rc['id']}", {"case_no": "复〔2026〕1号"},
                                  headers={"If-Match": '"%d"' % rc["version"]})
        self.assertEqual(r.status, 200, r)

    def test_26_readme_names_the_token_label_and_the_display_name(self):
        with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        usage = ogictl(self.dbname, "--help", check=False)
        for words in ("token create USERNAME [--label TEXT]", "[--display-name TEXT]"):
            self.assertIn(words, readme)
            self.assertIn(words, usage.stdout + usage.stderr)

    def test_19_field_messages_in_plain_words(self):
        body = {"body_id": "一", "channel": "in_person", "received_on": "2026-13-01",
                "applicant": {"kind": "natural_person", "name": "张" * 201}, "descripton": "typo"}
        errors = {e["field"]: e["message_zh"] for e in
                  self.assertProblem(self.c["clerk"].post("/api/v1/requests", body), 400)["errors"]}
        self.assertEqual(errors["body_id"], "请填写整数")
        self.assertEqual(errors["received_on"], "请填写有效的日期，格式如 2026-12-03")
        self.assertEqual(errors["applicant.name"], "最多填写 200 个字")
        self.assertEqual(errors["description"], "请填写此项")
        self.assertEqual(errors["descripton"], "没有这一项（名称可能写错了）")
        for text in errors.values():
            self.assertNotIn("类型错误", text)

    def test_20_people_by_their_names(self):
        rid = self.intake().json["id"]
        ev = self.c["clerk"].get(f"/api/v1/requests/{rid}/events").json["events"][0]
        self.assertEqual((ev["actor"], ev["actor_name"]), ("clerk", "王小明"), "the registering clerk's name")
        me = self.c["clerk"].get("/api/v1/session").json
        self.assertEqual((me["username"], me["display_name"]), ("clerk", "王小明"))
        self.assertEqual(self.c["auditor"].get("/api/v1/session").json["display_name"], "auditor",
                         "no display name: the username")
        self.c["streetadmin"].patch(f"/api/v1/users/{me['user_id']}", {"display_name": "王晓明"})
        entry = self.admin.get("/api/v1/audit?entity=user&limit=1").json["entries"][0]
        self.assertEqual((entry["actor"], entry["actor_name"]), ("streetadmin", "李主任"))
        first = self.admin.get("/api/v1/audit?actor=ogid").json["entries"][-1]
        self.assertEqual((first["actor_id"], first["actor_name"]), (None, "ogid"), "the system: its own name")

    def test_11_downloads_named_after_what_they_are(self):
        quote = urllib.parse.quote
        r = self.c["clerk"].get(f"/api/v1/reports/annual?year=2025&body_id={self.street}&type=xlsx")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Disposition"),
                         f"attachment; filename=\"report-2025-{self.street}-2021.xlsx\"; "
                         f"filename*=UTF-8''{quote('某街道办事处2025年政府信息公开工作年度报告.xlsx')}")
        r = self.c["clerk"].get(f"/api/v1/reports/annual?year=2025&body_id={self.street}&type=html&subtree=true"
                                "&format=2019")
        self.assertEqual(r.header("Content-Disposition"),
                         f"inline; filename=\"report-2025-{self.street}-subtree-2019.html\"; filename*=UTF-8''"
                         + quote("某街道办事处2025年政府信息公开工作年度报告（含所属机关汇总）（2019年格式）.html"))
        r = self.c["clerk"].get("/api/v1/requests.csv")
        self.assertEqual(r.header("Content-Disposition"),
                         f"attachment; filename=\"requests-{TODAY}.csv\"; "
                         f"filename*=UTF-8''{quote(f'申请台账-{TODAY}.csv')}")


if __name__ == "__main__":
    main()
