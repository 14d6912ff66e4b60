"""Corrections of a registration over real HTTP and PostgreSQL (issue 14 item 2):
PATCH /api/v1/requests/{id} with If-Match and a reason corrects each field of
the registration (the applicant's name, kind, identity document, phone,
e-mail, address, contact; the description, purpose and form; the channel and
the receipt dates); the history keeps a record_corrected event with the old
and new values, the identity number and phone masked (in the answer and in
the database); the identity number is checked again; a corrected receipt date
moves the due date and the deadline explains why; a locked year needs an
admin's override for a change of its figures; nothing that changes nothing
is recorded (422); 428/412 without or with a stale If-Match; 404 for another
body's request, 403 for an auditor; a closed request is corrected too."""
import unittest

from ogitest import OgidTestCase, ogictl, psql, main

TODAY = "2025-06-20"  # a Friday
PW = "a good long password"
ID = "11010519491231002X"
ID2 = "110105199003071239"


class Corrections(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "马山街道办事处", "--parent", "1", "--code", "MS").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", "1", "--code", "YI").stdout)
        cls.locked = int(ogictl(cls.dbname, "body", "add", "丙街道办事处", "--parent", "1", "--code", "BI").stdout)
        cls.c = {}
        for name, role, body in (("clerk", "clerk", cls.street), ("handler", "handler", cls.street),
                                 ("auditor", "auditor", cls.street), ("streetadmin", "admin", cls.street),
                                 ("otherclerk", "clerk", cls.other), ("lockclerk", "clerk", cls.locked),
                                 ("lockadmin", "admin", cls.locked)):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input=PW + "\n")
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl

    def new(self, received_on="2025-05-06", body=None, client=None, **applicant):
        a = {"kind": "natural_person", "name": "张三", "id_type": "resident_id_card", "id_number": ID,
             "phone": "13812345678", "address": "平湛市马山区幸福路8号"}
        a.update(applicant)
        r = (client or self.c["clerk"]).post("/api/v1/requests", {
            "body_id": body or self.street, "channel": "in_person", "received_on": received_on,
            "applicant": a, "description": "2024年本街道老旧小区改造项目的招标文件",
            "form": {"medium": "paper", "delivery": "post"}})
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def etag(self, rid, client=None):
        r = (client or self.c["clerk"]).get(f"/api/v1/requests/{rid}")
        self.assertEqual(r.status, 200, r)
        return r.header("ETag")

    def correct(self, rid, body, client=None, status=200, etag=None):
        cl = client or self.c["clerk"]
        r = cl.patch(f"/api/v1/requests/{rid}", body, headers={"If-Match": etag or self.etag(rid, cl)})
        if status == 200:
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.header("ETag"), f'"{r.json["version"]}"')
        return r

    def events(self, rid, client=None):
        return (client or self.c["auditor"]).get(f"/api/v1/requests/{rid}/events").json["events"]

    def corrections(self, rid, client=None):
        return [e for e in self.events(rid, client) if e["type"] == "record_corrected"]

    def test_each_field_recorded_with_old_and_new(self):
        rid = self.new()
        cases = [
            ({"applicant": {"name": "张珊"}}, "applicant.name", "张三", "张珊"),
            ({"applicant": {"kind": "commercial_enterprise"}}, "applicant.kind", "natural_person",
             "commercial_enterprise"),
            ({"applicant": {"email": "zhangshan@example.cn"}}, "applicant.email", None, "z********@example.cn"),
            ({"applicant": {"address": "平湛市马山区幸福路18号"}}, "applicant.address", "平湛市马山区*****",
             "平湛市马山区******"),
            ({"applicant": {"postcode": "528000"}}, "applicant.postcode", None, "528000"),
            ({"applicant": {"contact": "李四（代理人）"}}, "applicant.contact", None, "李****人）"),
            ({"description": "2023年本街道老旧小区改造项目的招标文件及合同"}, "description",
             "2024年本街道老旧小区改造项目的招标文件", "2023年本街道老旧小区改造项目的招标文件及合同"),
            ({"purpose": "了解改造进度"}, "purpose", None, "了解改造进度"),
            ({"form": {"medium": "electronic"}}, "form.medium", "paper", "electronic"),
            ({"form": {"delivery": "email"}}, "form.delivery", "post", "email"),
            ({"submitted_on": "2025-05-05"}, "submitted_on", None, "2025-05-05"),
            ({"applicant": {"phone": "13987654321"}}, "applicant.phone", "138****5678", "139****4321"),
            ({"applicant": {"id_number": ID2}}, "applicant.id_number", "110105********002X", "110105********1239"),
            ({"applicant": {"email": None}}, "applicant.email", "z********@example.cn", None),
        ]
        for i, (body, field, old, new) in enumerate(cases):
            r = self.correct(rid, dict(body, reason=f"登记时录入错误 {i}"))
            got = self.corrections(rid)
            self.assertEqual(len(got), i + 1, field)
            ev = got[-1]
            self.assertEqual(ev["on"], TODAY)
            self.assertEqual(ev["actor"], "clerk")
            self.assertEqual(ev["payload"]["reason"], f"登记时录入错误 {i}")
            self.assertEqual(ev["payload"]["changes"], [{"field": field, "from": old, "to": new}], field)
            self.assertNotIn("due_on", ev["payload"], "no clock field changed")
        a = r.json["applicant"]
        self.assertEqual((a["name"], a["kind"], a["phone"], a["email"], a["contact"]),
                         ("张珊", "commercial_enterprise", "13987654321", None, "李四（代理人）"))
        self.assertEqual(r.json["form"], {"medium": "electronic", "delivery": "email"})
        self.assertEqual(a["postcode"], "528000")
        self.assertEqual(r.json["submitted_on"], "2025-05-05")
        self.assertEqual(a["id_number"], "110***********1239", "a clerk reads it masked, as GET gives it")
        full = self.c["streetadmin"].get(f"/api/v1/requests/{rid}").json["applicant"]
        self.assertEqual(full["id_number"], ID2, "the corrected number is stored whole")
        # the history in the database never holds a personal number in plaintext
        payloads = psql(f"SELECT string_agg(payload::text, ' ') FROM request_events WHERE request_id = {rid}",
                        self.dbname)
        for number in (ID, ID2, "13812345678", "13987654321", "0519491231", "9003071239"):
            self.assertNotIn(number, payloads)
        # the version went up once per correction
        self.assertEqual(r.json["version"], 1 + len(cases))

    def test_several_fields_at_once_in_field_order(self):
        rid = self.new()
        r = self.correct(rid, {"reason": "申请人当场指出", "description": "老旧小区改造的验收报告",
                               "applicant": {"name": "张叁", "id_type": "passport", "id_number": "E12345678"}})
        ev = self.corrections(rid)[-1]
        self.assertEqual([c["field"] for c in ev["payload"]["changes"]],
                         ["applicant.name", "applicant.id_type", "applicant.id_number", "description"])
        self.assertEqual(ev["payload"]["changes"][2], {"field": "applicant.id_number", "from": "110105********002X",
                                                       "to": "E1***5678"})
        self.assertEqual(r.json["applicant"]["id_type"], "passport")

    def test_if_match_missing_or_stale(self):
        rid = self.new()
        body = {"reason": "姓名录错", "applicant": {"name": "张珊"}}
        r = self.c["clerk"].patch(f"/api/v1/requests/{rid}", body)
        self.assertProblem(r, 428, "precondition_required")
        r = self.c["clerk"].patch(f"/api/v1/requests/{rid}", body, headers={"If-Match": '"7"'})
        p = self.assertProblem(r, 412, "precondition_failed")
        self.assertIn("version 1", p["detail"])
        self.assertProblem(self.c["clerk"].patch(f"/api/v1/requests/{rid}", body, headers={"If-Match": "seven"}),
                           400, "invalid_input", "If-Match")
        self.assertEqual(self.corrections(rid), [])
        self.assertEqual(self.c["clerk"].get(f"/api/v1/requests/{rid}").json["applicant"]["name"], "张三")
        # the ETag of GET /requests/{id} is what If-Match takes; after a write the old one is stale
        etag = self.etag(rid)
        self.correct(rid, body, etag=etag)
        self.assertProblem(self.c["clerk"].patch(f"/api/v1/requests/{rid}", dict(body, applicant={"name": "张叁"}),
                                                 headers={"If-Match": etag}), 412, "precondition_failed")

    def test_reason_and_fields_named(self):
        rid = self.new()
        cl, tag = self.c["clerk"], {"If-Match": self.etag(rid)}
        p = self.assertProblem(cl.patch(f"/api/v1/requests/{rid}", {"applicant": {"name": "张珊"}}, headers=tag),
                               400, "invalid_input", "reason")
        self.assertEqual(p["errors"][0]["code"], "required")
        p = self.assertProblem(cl.patch(f"/api/v1/requests/{rid}", {"reason": "  ", "applicant": {"name": "张珊"}},
                                        headers=tag), 400, "invalid_input", "reason")
        self.assertEqual(p["errors"][0]["code"], "empty")
        self.assertProblem(cl.patch(f"/api/v1/requests/{rid}", {"reason": "x"}, headers=tag), 400, "invalid_input", "")
        self.assertProblem(cl.patch(f"/api/v1/requests/{rid}", {"reason": "x", "applicant": {"nmae": "张珊"}},
                                    headers=tag), 400, "invalid_input", "applicant.nmae")
        self.assertProblem(cl.patch(f"/api/v1/requests/{rid}", {"reason": "x", "body_id": self.other},
                                    headers=tag), 400, "invalid_input", "body_id")
        p = self.assertProblem(cl.patch(f"/api/v1/requests/{rid}", {"reason": "x", "applicant": {"name": None}},
                                        headers=tag), 400, "invalid_input", "applicant.name")
        self.assertEqual(p["errors"][0]["code"], "required")
        self.assertProblem(cl.patch(f"/api/v1/requests/{rid}", {"reason": "x", "applicant": {"name": ""}},
                                    headers=tag), 400, "invalid_input", "applicant.name")
        self.assertProblem(cl.patch(f"/api/v1/requests/{rid}", {"reason": "x", "channel": "pigeon"},
                                    headers=tag), 400, "invalid_input", "channel")
        self.assertProblem(cl.patch(f"/api/v1/requests/{rid}", {"reason": "x", "received_on": "2025-06-21"},
                                    headers=tag), 400, "invalid_input", "received_on")
        self.assertProblem(cl.patch(f"/api/v1/requests/{rid}", {"reason": "x", "applicant": {"postcode": "52800"}},
                                    headers=tag), 400, "invalid_input", "applicant.postcode")
        self.assertProblem(cl.patch(f"/api/v1/requests/{rid}", {"reason": "x", "applicant": {"phone": "12800000000",
                                    "email": "zhang@"}}, headers=tag), 400, "invalid_input", "applicant.email")
        self.assertEqual(self.corrections(rid), [])

    def test_identity_number_checked_again(self):
        rid = self.new()
        tag = {"If-Match": self.etag(rid)}
        p = self.assertProblem(self.c["clerk"].patch(f"/api/v1/requests/{rid}", {
            "reason": "证件号码录错", "applicant": {"id_number": "110105199003071238"}}, headers=tag),
            400, "invalid_input", "applicant.id_number")
        self.assertEqual(p["errors"][0]["code"], "check_digit")
        self.assertTrue(p["errors"][0]["message_zh"])
        # a 统一社会信用代码 is checked as one (GB 32100) when the type changes with it
        p = self.assertProblem(self.c["clerk"].patch(f"/api/v1/requests/{rid}", {
            "reason": "应为单位", "applicant": {"id_type": "uscc"}}, headers=tag), 400, "invalid_input",
            "applicant.id_number")
        self.assertProblem(self.c["clerk"].patch(f"/api/v1/requests/{rid}", {
            "reason": "证件号码录错", "applicant": {"id_number": None}}, headers=tag), 400, "invalid_input",
            "applicant.id_number")
        r = self.correct(rid, {"reason": "应为单位", "applicant": {"kind": "commercial_enterprise",
                               "id_type": "uscc", "id_number": "91110000600037341l"}})
        self.assertEqual(self.c["streetadmin"].get(f"/api/v1/requests/{rid}").json["applicant"]["id_number"],
                         "91110000600037341L", "stored in its normal form")
        self.assertEqual(r.json["applicant"]["id_type"], "uscc")

    def test_nothing_changes_is_422(self):
        rid = self.new()
        r = self.c["clerk"].patch(f"/api/v1/requests/{rid}", {"reason": "核对", "applicant": {
            "name": "张三", "id_number": ID.lower()}, "channel": "in_person"}, headers={"If-Match": self.etag(rid)})
        self.assertProblem(r, 422, "correction_no_change")
        self.assertEqual(self.corrections(rid), [])
        self.assertEqual(self.c["clerk"].get(f"/api/v1/requests/{rid}").json["version"], 1)

    def test_received_on_moves_the_due_date_and_explains(self):
        rid = self.new(received_on="2025-05-06")
        before = self.c["clerk"].get(f"/api/v1/requests/{rid}").json
        r = self.correct(rid, {"reason": "挂号信签收日期录错", "channel": "post_registered",
                               "received_on": "2025-05-12", "submitted_on": "2025-05-09"})
        self.assertEqual(r.json["received_on"], "2025-05-12")
        self.assertEqual(r.json["channel"], "post_registered")
        self.assertGreater(r.json["due_on"], before["due_on"])
        ev = self.corrections(rid)[-1]
        self.assertEqual(ev["payload"]["due_on"], {"from": before["due_on"], "to": r.json["due_on"]})
        self.assertEqual([c["field"] for c in ev["payload"]["changes"]], ["channel", "received_on", "submitted_on"])
        dl = self.c["clerk"].get(f"/api/v1/requests/{rid}/deadline").json
        self.assertEqual(dl["due_on"], r.json["due_on"])
        self.assertEqual(dl["received_on"], "2025-05-12")
        self.assertIn("收到申请 2025-05-12", dl["steps"][0]["text_zh"], "the count runs from the corrected date")
        step = [s for s in dl["steps"] if "更正登记" in s["text_zh"]]
        self.assertEqual(len(step), 1, dl["steps"])
        self.assertIn("收到申请日期由 2025-05-06 更正为 2025-05-12", step[0]["text_zh"])
        self.assertIn("“当面提交”更正为“邮寄（需签收）”", step[0]["text_zh"])
        self.assertIn("the receipt date from 2025-05-06 to 2025-05-12", step[0]["text_en"])
        # the deadline is now that of a receipt on 05-12 registered so
        fresh = self.new(received_on="2025-05-12")
        self.assertEqual(self.c["clerk"].get(f"/api/v1/requests/{fresh}").json["due_on"], r.json["due_on"])
        # the tracking number stays
        self.assertEqual(r.json["tracking_no"], before["tracking_no"])

    def test_received_on_that_breaks_the_history_or_the_regime(self):
        rid = self.new(received_on="2025-05-06")
        e = self.c["clerk"].post(f"/api/v1/requests/{rid}/events",
                                 {"type": "correction_requested", "on": "2025-05-08", "items": "请写明年份"})
        self.assertEqual(e.status, 201, e)
        r = self.correct(rid, {"reason": "x", "received_on": "2025-05-09"}, status=409)
        p = self.assertProblem(r, 409, "correction_breaks_history")
        self.assertIn("correction_requested", p["detail"])
        self.correct(rid, {"reason": "签收日期录错", "received_on": "2025-05-07"})
        old = self.new(received_on="2019-05-10")
        r = self.correct(old, {"reason": "x", "received_on": "2019-05-16"}, status=409)
        self.assertProblem(r, 409, "correction_regime_change")
        self.assertEqual(self.corrections(old), [])

    def test_locked_year_needs_an_admin_override(self):
        s = self.locked
        rid = self.new(received_on="2024-11-04", body=s, client=self.c["lockclerk"])
        r = self.c["lockadmin"].post(f"/api/v1/reports/annual/2024/{s}/lock")
        self.assertEqual(r.status, 201, r)
        clerk, admin = self.c["lockclerk"], self.c["lockadmin"]
        # what no figure counts goes on: a name
        self.correct(rid, {"reason": "姓名录错", "applicant": {"name": "张珊"}}, client=clerk)
        # the applicant's column is a figure of 2024 (and of 2025, where it is carried in)
        body = {"reason": "应为企业", "applicant": {"kind": "commercial_enterprise"}}
        self.assertProblem(self.correct(rid, body, client=clerk, status=409), 409, "year_locked")
        self.assertProblem(self.correct(rid, dict(body, override_reason="申请人为企业"), client=clerk, status=403),
                           403, "forbidden")
        self.assertProblem(self.correct(rid, dict(body, override_reason=" "), client=admin, status=400),
                           400, "override_reason_required")
        # a receipt date within the year moves no figure, one into another year does
        self.correct(rid, {"reason": "签收日期录错", "received_on": "2024-11-05"}, client=clerk)
        self.assertProblem(self.correct(rid, {"reason": "x", "received_on": "2025-01-06"}, client=clerk,
                                        status=409), 409, "year_locked")
        self.assertEqual(len(self.corrections(rid, admin)), 2)
        r = self.correct(rid, dict(body, override_reason="申请人为企业，登记时选错"), client=admin)
        self.assertEqual(r.json["applicant"]["kind"], "commercial_enterprise")
        ev = self.corrections(rid, admin)[-1]
        self.assertEqual(ev["payload"]["override_reason"], "申请人为企业，登记时选错")
        rep = admin.get(f"/api/v1/reports/annual?year=2024&body_id={s}").json
        overrides = rep["amendment"]["overrides"]
        self.assertEqual(len(overrides), 1)
        self.assertEqual(overrides[0]["reason"], "申请人为企业，登记时选错")
        self.assertIn("更正登记（申请人类型）", overrides[0]["detail"])
        rows = {x["key"]: x["values"] for x in rep["applications"]["rows"]}
        self.assertEqual(rows["new"][:2], [0, 1], "counted in the enterprise column now")

    def test_closed_request_is_corrected_too(self):
        rid = self.new(received_on="2025-05-06")
        e = self.c["handler"].post(f"/api/v1/requests/{rid}/events",
                                   {"type": "replied", "on": "2025-06-05", "outcome": "disclosed"})
        self.assertEqual(e.status, 201, e)
        was = e.json
        r = self.correct(rid, {"reason": "住址录错", "applicant": {"address": "平湛市马山区幸福路28号"}})
        self.assertEqual(r.json["status"], "closed")
        self.assertEqual(r.json["applicant"]["address"], "平湛市马山区幸福路28号")
        # an earlier receipt date: the reply's lateness follows the corrected date
        r = self.correct(rid, {"reason": "收件日期录错", "received_on": "2025-04-24"})
        self.assertEqual((r.json["status"], r.json["closed_on"], r.json["outcome"]),
                         ("closed", "2025-06-05", "disclosed"))
        self.assertLess(r.json["due_on"], was["due_on"])
        self.assertEqual(r.json["replied_late"], r.json["due_on"] < "2025-06-05")
        # a receipt date after the reply cannot be
        self.assertProblem(self.correct(rid, {"reason": "x", "received_on": "2025-06-06"}, status=409),
                           409, "correction_breaks_history")

    def test_who_may_correct(self):
        rid = self.new()
        body = {"reason": "姓名录错", "applicant": {"name": "张珊"}}
        tag = {"If-Match": self.etag(rid)}
        self.assertProblem(self.c["otherclerk"].patch(f"/api/v1/requests/{rid}", body, headers=tag), 404, "not_found")
        self.assertProblem(self.c["auditor"].patch(f"/api/v1/requests/{rid}", body, headers=tag), 403, "forbidden")
        self.assertProblem(self.c["clerk"].patch("/api/v1/requests/999999", body, headers=tag), 404, "not_found")
        # by hand it is no event
        r = self.c["clerk"].post(f"/api/v1/requests/{rid}/events",
                                 {"type": "record_corrected", "on": TODAY, "reason": "x"})
        self.assertProblem(r, 400, "invalid_input", "type")
        self.assertEqual(self.corrections(rid), [])
        # the handler (above the clerk) may
        self.correct(rid, body, client=self.c["handler"])


if __name__ == "__main__":
    main()
